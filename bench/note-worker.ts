import { io as connect, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { noteField } from "../lib/notes/note-field";
import { NoteProvider, type NoteSocket } from "../lib/notes/note-provider";
import { contentOf, seededRandom } from "../lib/notes/random-edits";
import { messageYjsUpdate, readSyncMessage, syncMessage, toBytes } from "../lib/notes/sync-messages";
import type {
  EditRecord,
  EditorReport,
  NoteWorkerCommand,
  NoteWorkerReply,
} from "./lib/note-worker-protocol";

/**
 * An editor-hosting child process of the notes benchmark (forked through bench/lib/client-fleet.ts):
 * each editor is a socket and a Y.Doc, bound by Agora's own NoteProvider or by the bare relay's
 * few lines. It types, and records when each other editor's edits reach its doc. Timestamps are
 * performance.timeOrigin + performance.now(), one wall clock for every process of the machine.
 */
const now = () => performance.timeOrigin + performance.now();
const local = Symbol("typed here");
const remote = Symbol("bare relay");

interface Editor {
  doc: Y.Doc;
  socket: Socket;
  settled(): boolean;
  /** The paragraph this editor mostly types in, once it made one. */
  paragraph: Y.XmlElement | null;
  advances: Map<number, [number, number][]>;
  disconnects: number;
  close(): void;
}

const editors: Editor[] = [];

function reply(message: NoteWorkerReply) {
  process.send?.(message);
}

/** Records, at every change of the doc, whose edits it now holds up to which clock. */
function trackArrivals(editor: Editor) {
  const seen = new Map<number, number>();
  editor.doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin === local) return;
    const at = now();
    for (const client of editor.doc.store.clients.keys()) {
      if (client === editor.doc.clientID) continue;
      const state = Y.getState(editor.doc.store, client);
      if (state <= (seen.get(client) ?? 0)) continue;
      seen.set(client, state);
      let list = editor.advances.get(client);
      if (!list) editor.advances.set(client, (list = []));
      list.push([state, at]);
    }
  });
}

async function openEditor(
  url: string,
  server: "agora" | "bare",
  { userId, threadId }: { userId: string; threadId: string },
): Promise<Editor> {
  const socket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    // A dropped editor shows as missing deliveries rather than being papered over.
    reconnection: false,
    auth: { testUserId: userId },
  });
  const doc = new Y.Doc();
  const base = { doc, socket, paragraph: null, advances: new Map(), disconnects: 0 };
  let editor!: Editor;
  socket.on("disconnect", () => (editor.disconnects += 1));
  if (server === "agora") {
    const provider = new NoteProvider(socket as unknown as NoteSocket, threadId, doc);
    const settled = () =>
      provider.state.status === "synced" && provider.state.pending === 0 && !provider.state.unsent;
    editor = { ...base, settled, close: () => (provider.destroy(), socket.disconnect()) };
  } else {
    let joined = false;
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === local)
        socket.emit(
          "bare:note-update",
          { threadId, message: syncMessage(messageYjsUpdate, update) },
          () => {},
        );
    });
    socket.on("bare:note-update", (input: { message: Uint8Array | ArrayBuffer }) => {
      Y.applyUpdate(doc, readSyncMessage(toBytes(input.message)).payload, remote);
    });
    socket.on("connect", () => {
      socket.emit("bare:note-join", { threadId }, (answer: { state: Uint8Array | ArrayBuffer }) => {
        Y.applyUpdate(doc, toBytes(answer.state), remote);
        joined = true;
      });
    });
    editor = { ...base, settled: () => joined && socket.connected, close: () => socket.disconnect() };
  }
  trackArrivals(editor);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect_error", reject);
    const deadline = now() + 60_000;
    const poll = () => {
      if (editor.settled()) return resolve();
      if (now() > deadline) return reject(new Error(`editor ${userId} not ready after 60 s`));
      setTimeout(poll, 10);
    };
    poll();
  });
  return editor;
}

const chunks = [
  "la ",
  "syn",
  "thèse",
  " du ",
  "dé",
  "bat",
  ", ",
  "idée",
  "s ",
  "« nous »",
  "é",
  "e",
  "r",
  "t ",
];

/**
 * One burst of typing (one to a few characters) in one transaction, mostly at the end of the
 * editor's own paragraph, sometimes in the middle or in someone else's, now and then after a
 * backspace. Every edit inserts, so it moves its author's clock: that is how receivers spot it.
 */
function typeOnce(editor: Editor, random: () => number, tag: string) {
  const fragment = editor.doc.getXmlFragment(noteField);
  if (!editor.paragraph) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(`${tag} `)]);
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
    editor.paragraph = paragraph;
    return;
  }
  const others = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  const paragraph =
    random() < 0.05 && others.length ? others[Math.floor(random() * others.length)]! : editor.paragraph;
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (random() < 0.1 && text.length > 4) text.delete(text.length - 2, 2);
  const at = random() < 0.85 ? text.length : Math.floor(random() * (text.length + 1));
  text.insert(at, chunks[Math.floor(random() * chunks.length)]!);
}

async function type(command: Extract<NoteWorkerCommand, { type: "type" }>): Promise<EditRecord[]> {
  const records: EditRecord[] = [];
  const interval = 1000 / command.ratePerSecond;
  const end = command.startAt + command.durationMs;
  await Promise.all(
    editors.map(async (editor, index) => {
      const random = seededRandom(command.seed + command.firstIndex + index);
      const phase = ((command.firstIndex + index) / command.totalEditors) * interval;
      // Open loop: an edit on schedule whatever the acknowledgements, as a steady typist.
      for (let next = command.startAt + phase; next < end; next += interval) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - now())));
        const at = now();
        editor.doc.transact(() => typeOnce(editor, random, `e${command.firstIndex + index}`), local);
        records.push({
          clientId: editor.doc.clientID,
          clock: Y.getState(editor.doc.store, editor.doc.clientID),
          at,
        });
      }
    }),
  );
  return records;
}

async function settle(command: Extract<NoteWorkerCommand, { type: "settle" }>): Promise<EditorReport[]> {
  const deadline = now() + command.timeoutMs;
  const complete = () =>
    editors.every(
      (editor) =>
        editor.settled() &&
        Object.entries(command.expected).every(
          ([client, clock]) => Y.getState(editor.doc.store, Number(client)) >= clock,
        ),
    );
  while (!complete() && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return editors.map((editor) => ({
    clientId: editor.doc.clientID,
    advances: Object.fromEntries(editor.advances),
    content: contentOf(editor.doc),
    settled: editor.settled(),
    disconnects: editor.disconnects,
  }));
}

process.on("message", (command: NoteWorkerCommand) => {
  const run = async () => {
    switch (command.type) {
      case "open": {
        // A few at a time: each Agora join loads the member and the note.
        for (let start = 0; start < command.editors.length; start += 10)
          editors.push(
            ...(await Promise.all(
              command.editors
                .slice(start, start + 10)
                .map((editor) => openEditor(command.url, command.server, editor)),
            )),
          );
        return reply({ type: "ready", clientIds: editors.map((editor) => editor.doc.clientID) });
      }
      case "type":
        return reply({ type: "typed", edits: await type(command) });
      case "settle":
        return reply({ type: "settled", editors: await settle(command) });
      case "close":
        for (const editor of editors.splice(0)) editor.close();
        return reply({ type: "closed" });
    }
  };
  run().catch((error: unknown) =>
    reply({ type: "error", message: (error as Error).message ?? String(error) }),
  );
});

// The parent going away must not leave editors behind.
process.on("disconnect", () => process.exit(0));
