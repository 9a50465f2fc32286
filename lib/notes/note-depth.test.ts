import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { deeplyNested } from "./hostile-updates";
import { nestsDeeperThan } from "./note-depth";

describe("a note's nesting depth", () => {
  it("tells a note too deep for the editor from one that fits, without overflowing the stack", () => {
    // 19 quotes around a paragraph: the paragraph sits at level 20.
    expect(nestsDeeperThan(deeplyNested(19, "au bord"), 20)).toBe(false);
    expect(nestsDeeperThan(deeplyNested(20, "trop loin"), 20)).toBe(true);
    expect(nestsDeeperThan(deeplyNested(8_000, "poison"), 20)).toBe(true);
    expect(nestsDeeperThan(new Y.Doc(), 20)).toBe(false);
  });
});
