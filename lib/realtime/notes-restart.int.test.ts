import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { applyStoredState, readNoteState } from "../notes/note-store";
import {
  connectAs,
  openNote,
  people,
  seedNoteFixtures,
  startNoteServer,
  synced,
  waitFor,
  type TestServer,
} from "../notes/note-test-kit";
import { contentOf } from "../notes/random-edits";
import { renderNoteText as noteText } from "../notes/render-note";

let database: TestDatabase;
let threadId: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ threadId } = await seedNoteFixtures(database.db, 0));
});

afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
  await database.close();
});

async function start(port?: number) {
  const server = await startNoteServer({ db: database.db, port });
  servers.push(server);
  return server;
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function storedText(noteId: string): Promise<string> {
  const doc = new Y.Doc();
  applyStoredState(doc, await readNoteState(database.db, noteId));
  return noteText(doc);
}

describe("restarting the server mid-session", () => {
  it("loses no acknowledged edit, and clients resume and merge what they wrote meanwhile", async () => {
    const first = await start();
    const alice = openNote(first.url, people.alice.id, threadId);
    const bruno = openNote(first.url, people.bruno.id, threadId);
    // A raw y-protocols client that records exactly which of its edits were acknowledged.
    const writer = connectAs(first.url, people.modo.id);
    try {
      await waitFor(
        () => synced(alice.provider) && synced(bruno.provider) && writer.connected,
        "clients ready",
      );
      const joined = await writer.emitWithAck("note:join", { threadId });
      if (!joined.ok) throw new Error(joined.error.message);
      const noteId = joined.data.noteId;
      const writerDoc = new Y.Doc();
      const writerText = writerDoc.getXmlFragment("default");

      const acknowledged: string[] = [];
      let stop = false;
      const writing = (async () => {
        for (let index = 0; !stop; index += 1) {
          const word = `ack${index}`;
          const before = Y.encodeStateVector(writerDoc);
          const paragraph = new Y.XmlElement("paragraph");
          paragraph.insert(0, [new Y.XmlText(word)]);
          writerText.push([paragraph]);
          const ack = await writer
            .timeout(5_000)
            .emitWithAck("note:update", {
              noteId,
              message: updateMessage(Y.encodeStateAsUpdate(writerDoc, before)),
            })
            .catch(() => null);
          if (!ack?.ok) return;
          acknowledged.push(word);
        }
      })();
      let typed = 0;
      const typing = (async () => {
        while (!stop) {
          typed += 1;
          alice.provider.doc.getXmlFragment("default").push([paragraphOf(`alice${typed}`)]);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();

      await waitFor(() => acknowledged.length >= 20, "twenty acknowledged edits");
      await first.io.close();
      stop = true;
      await Promise.all([writing, typing]);

      // Everything acknowledged is in the database already: nothing waited for a flush at shutdown.
      const afterCrash = await storedText(noteId);
      for (const word of acknowledged) expect(afterCrash).toContain(word);
      await first.registry()?.close();

      // While the server is down, both members keep writing.
      alice.provider.doc.getXmlFragment("default").push([paragraphOf("écrit hors ligne par Alice")]);
      bruno.provider.doc.getXmlFragment("default").push([paragraphOf("écrit hors ligne par Bruno")]);

      await start(first.port);
      await waitFor(
        () =>
          synced(alice.provider) &&
          synced(bruno.provider) &&
          contentOf(alice.provider.doc) === contentOf(bruno.provider.doc),
        "clients resume and converge on the new server",
      );
      const text = noteText(alice.provider.doc);
      for (const word of [...acknowledged, "écrit hors ligne par Alice", "écrit hors ligne par Bruno"]) {
        expect(text).toContain(word);
      }
      expect(text).toContain(`alice${typed}`);
      expect(await storedText(noteId)).toBe(text);

      // They keep editing on the new server.
      bruno.provider.doc.getXmlFragment("default").push([paragraphOf("après le redémarrage")]);
      await waitFor(() => noteText(alice.provider.doc).includes("après le redémarrage"), "live again");
    } finally {
      writer.disconnect();
      alice.close();
      bruno.close();
    }
  });
});

function paragraphOf(text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}
