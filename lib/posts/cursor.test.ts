import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeSeqCursor, encodeSeqCursor } from "./cursor";

describe("seq cursors", () => {
  it("round-trip the seq where a page stopped, opaque in a URL", () => {
    const cursor = encodeSeqCursor(12_345);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSeqCursor(cursor)).toBe(12_345);
  });

  it("start from the beginning when absent", () => {
    expect(decodeSeqCursor(undefined)).toBe(0);
    expect(decodeSeqCursor(null)).toBe(0);
    expect(decodeSeqCursor("")).toBe(0);
  });

  it.each([
    "pas-un-curseur",
    Buffer.from("{}").toString("base64url"),
    Buffer.from('{"seq":-1}').toString("base64url"),
    Buffer.from('{"seq":1.5}').toString("base64url"),
    Buffer.from('{"seq":"1; drop table posts"}').toString("base64url"),
  ])("refuse a forged or damaged cursor with a French message: %s", (raw) => {
    let thrown: unknown;
    try {
      decodeSeqCursor(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("bad_request:cursor");
    expect((thrown as AppError).message).toBe("Ce lien «\u00a0voir plus\u00a0» n’est plus valide.");
  });
});
