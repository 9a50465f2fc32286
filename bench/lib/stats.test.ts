import { describe, expect, it } from "vitest";
import { percentile, ratio, summarize } from "./stats";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it("summarizes unsorted samples", () => {
    expect(summarize([3, 1, 2, 10])).toMatchObject({ count: 4, p50: 2, max: 10, mean: 4 });
    expect(summarize([]).count).toBe(0);
  });

  it("prints ratios, refusing meaningless ones", () => {
    expect(ratio(3, 2)).toBe("1.50×");
    expect(ratio(1, 0)).toBe("n/a");
  });
});
