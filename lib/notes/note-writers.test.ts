import { describe, expect, it } from "vitest";
import { activeWriters, writingWindowMs } from "./note-writers";

const caret = { anchor: { tname: "default" }, head: { tname: "default" } };
const user = (id: string, name: string) => ({ id, name, color: "#123456" });

describe("who the synthesis names as writing", () => {
  it("lists members whose caret moved recently, once each, never oneself nor those who only have the note open", () => {
    const now = 1_000_000;
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: user("moi", "Moi"), cursor: caret }],
      [2, { user: user("moi", "Moi"), cursor: caret }],
      [3, { user: user("bruno", "Bruno"), cursor: caret }],
      [4, { user: user("bruno", "Bruno"), cursor: caret }],
      [5, { user: user("aline", "Aline"), cursor: caret }],
      [6, { user: user("zoe", "Zoé"), cursor: null }],
      [7, { user: user("yann", "Yann"), cursor: caret }],
    ]);
    const lastActivity = new Map([
      [2, now],
      [3, now - 1_000],
      [4, now - 500],
      [5, now - 2_000],
      [6, now],
      [7, now - writingWindowMs - 1],
    ]);
    const writers = activeWriters({ states, lastActivity, self: { clientId: 1, id: "moi" }, now });
    expect(writers.map((writer) => writer.name)).toEqual(["Aline", "Bruno"]);
  });
});
