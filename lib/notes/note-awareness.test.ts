import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { sanitizeAwarenessUpdate } from "./note-awareness";

const identity = { id: "alice", name: "Alice Martin", color: "#1f5fbf" };

function update(states: [clientId: number, clock: number, state: unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, states.length);
  for (const [clientId, clock, state] of states) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function decoded(bytes: Uint8Array) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  awarenessProtocol.applyAwarenessUpdate(awareness, bytes, "test");
  const states = Object.fromEntries(awareness.getStates());
  awareness.destroy();
  return states;
}

describe("sanitizing awareness updates", () => {
  it("writes the server's identity over the claimed one and keeps only the caret", () => {
    const owners = new Map<number, string>();
    const cursor = { anchor: { type: null }, head: { type: null } };
    const result = sanitizeAwarenessUpdate(
      update([[7, 3, { user: { id: "bruno", name: "Bruno", color: "red" }, cursor, script: "<b>" }]]),
      { socketId: "s1", identity, owners },
    );
    expect(result?.clientIds).toEqual([7]);
    expect(decoded(result!.update)).toEqual({ 7: { user: identity, cursor } });
    expect(owners.get(7)).toBe("s1");
  });

  it("keeps a caret the editor shares and drops a malformed one, which would throw in readers' browsers", () => {
    const doc = new Y.Doc();
    const text = doc.getXmlFragment("default");
    text.insert(0, [new Y.XmlText("bonjour")]);
    const position = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(text.get(0) as Y.XmlText, 3),
    );
    const sender = { socketId: "s1", identity, owners: new Map<number, string>() };
    const genuine = { anchor: position, head: position };
    const kept = sanitizeAwarenessUpdate(update([[1, 1, { cursor: genuine }]]), sender);
    const keptCursor = (decoded(kept!.update)[1] as { cursor: { anchor: unknown } }).cursor;
    expect(keptCursor).toEqual(genuine);
    expect(() => Y.createRelativePositionFromJSON(keptCursor.anchor)).not.toThrow();

    for (const cursor of [
      { anchor: "x", head: "y" },
      { anchor: { item: { client: "a", clock: 1 } }, head: position },
      { anchor: position, head: { item: { client: 1, clock: -5 } } },
      { anchor: position, head: position, onerror: "alert(1)" },
      { anchor: { ...position, extra: true }, head: position },
      { anchor: position },
    ]) {
      const result = sanitizeAwarenessUpdate(update([[2, 1, { cursor }]]), sender);
      expect(decoded(result!.update)[2]).toEqual({ user: identity, cursor: null });
    }
  });

  it("drops the client ids another socket already controls", () => {
    const owners = new Map([[7, "s1"]]);
    const sender = { socketId: "s2", identity, owners };
    expect(sanitizeAwarenessUpdate(update([[7, 4, { cursor: null }]]), sender)).toBeNull();
    const mixed = sanitizeAwarenessUpdate(
      update([
        [7, 4, {}],
        [8, 1, {}],
      ]),
      sender,
    );
    expect(mixed?.clientIds).toEqual([8]);
  });

  it("passes a removal (null state) through", () => {
    const result = sanitizeAwarenessUpdate(update([[9, 2, null]]), {
      socketId: "s1",
      identity,
      owners: new Map(),
    });
    expect(result?.clientIds).toEqual([9]);
  });

  it("refuses unreadable or oversized updates with a French error", () => {
    const sender = { socketId: "s1", identity, owners: new Map<number, string>() };
    expect(() => sanitizeAwarenessUpdate(new Uint8Array([1, 2]), sender)).toThrow(
      "Ce message de présence est illisible.",
    );
    expect(() => sanitizeAwarenessUpdate(update([[1, 1, { big: "x".repeat(5000) }]]), sender)).toThrow(
      /illisible/,
    );
    const many = Array.from({ length: 9 }, (_, index) => [index, 1, {}] as [number, number, unknown]);
    expect(() => sanitizeAwarenessUpdate(update(many), sender)).toThrow(/illisible/);
  });
});
