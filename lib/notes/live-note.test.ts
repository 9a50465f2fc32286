import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { LiveNote } from "./live-note";
import { noteField } from "./note-field";
import { renderNoteText } from "./render-note";

const notes: LiveNote[] = [];
afterEach(() => notes.splice(0).forEach((note) => note.destroy()));

function liveNote(appliedSeq = 0) {
  const note = new LiveNote("note", { doc: new Y.Doc(), appliedSeq, lastVersionAt: new Date() });
  notes.push(note);
  return note;
}

function paragraphUpdate(content: string, doc = new Y.Doc()): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(content)]);
  doc.getXmlFragment(noteField).push([paragraph]);
  return Y.encodeStateAsUpdate(doc, before);
}

describe("a live note", () => {
  it("returns what an update changed, and null when it changed nothing", () => {
    const note = liveNote();
    const update = paragraphUpdate("bonjour");
    const change = note.stage(update, "client");
    expect(change).not.toBeNull();
    note.commit();
    expect(renderNoteText(note.doc)).toBe("bonjour");
    expect(note.stage(update, "client")).toBeNull();
  });

  it("keeps a staged change out of the stored doc until it is committed, and forgets it when discarded", () => {
    const note = liveNote();
    note.stage(paragraphUpdate("perdu"), "client");
    expect(renderNoteText(note.doc)).toBe("");
    note.discard();
    note.commit();
    expect(renderNoteText(note.doc)).toBe("");
    const kept = paragraphUpdate("gardé");
    expect(note.stage(kept, "client")).not.toBeNull();
    note.commit();
    expect(renderNoteText(note.doc)).toBe("gardé");
  });

  it("keeps track of the seqs it holds and notices a gap", () => {
    const note = liveNote(4);
    expect(note.markKnown(4)).toBe(false);
    expect(note.markKnown(6)).toBe(true);
    expect(note.hasGap()).toBe(true);
    expect(note.appliedSeq).toBe(4);
    expect(note.markKnown(6)).toBe(false);
    expect(note.markKnown(5)).toBe(true);
    expect(note.appliedSeq).toBe(6);
    expect(note.hasGap()).toBe(false);
    note.markKnown(9);
    note.markCaughtUp(8);
    expect(note.appliedSeq).toBe(9);
    expect(note.hasGap()).toBe(false);
  });

  it("refuses an update waiting for a missing predecessor and stages nothing of it", () => {
    const source = new Y.Doc();
    const first = paragraphUpdate("un", source);
    const second = paragraphUpdate("deux", source);
    const note = liveNote();
    expect(() => note.stage(second, "client")).toThrow("incomplete update");
    expect(note.stage(first, "client")).not.toBeNull();
    note.commit();
    expect(note.hasPendingStructs()).toBe(false);
    expect(renderNoteText(note.doc)).toBe("un");
  });

  it("runs tasks one at a time, in order, even when one fails", async () => {
    const note = liveNote();
    const order: number[] = [];
    const first = note.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push(1);
      throw new Error("échec");
    });
    const second = note.run(() => order.push(2));
    await expect(first).rejects.toThrow("échec");
    await second;
    expect(order).toEqual([1, 2]);
  });

  it("hands what arrives while it is busy to one drain, then starts a new batch", async () => {
    const note = liveNote();
    const batches: number[][] = [];
    const drain = async (items: number[]) => {
      batches.push(items);
    };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const busy = note.run(() => gate);
    for (const item of [1, 2, 3]) note.gather(item, drain);
    open();
    await busy;
    await note.run(() => {});
    note.gather(4, drain);
    await note.run(() => {});
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });
});
