import { io as connect, type Socket } from "socket.io-client";

/**
 * A client that sends malformed events without pause, as a broken or hostile script does:
 * wrong types, missing fields, huge and deeply nested payloads, prototype keys, binary junk,
 * events with and without an ack. It counts what it sent and how it was answered; the run
 * checks the server stayed up and that the members lost nothing meanwhile.
 */
export interface RogueClient {
  sent: number;
  /** Answers by error code (`ok` for an accepted one). */
  answers: Map<string, number>;
  close(): void;
}

const events = [
  "thread:join",
  "thread:leave",
  "thread:catch-up",
  "post:create",
  "post:edit",
  "post:delete",
  "reaction:toggle",
  "stance:set",
  "typing:start",
  "note:join",
  "note:sync",
  "note:update",
  "note:awareness",
  "note:leave",
  "no:such-event",
];

function deep(levels: number): unknown {
  let value: unknown = "fond";
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const payloads: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 42,
  () => "texte",
  () => [],
  () => ({ threadId: "pas-un-uuid" }),
  () => ({ threadId: crypto.randomUUID() }),
  () => ({ threadId: crypto.randomUUID(), clientId: crypto.randomUUID(), body: "" }),
  () => ({ threadId: crypto.randomUUID(), clientId: "x", body: "a".repeat(200_000) }),
  () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as unknown,
  () => ({
    noteId: crypto.randomUUID(),
    message: new Uint8Array(64).map(() => Math.floor(Math.random() * 256)),
  }),
  () => ({ noteId: crypto.randomUUID(), update: new Uint8Array([0, 255, 255, 255, 255]) }),
  () => deep(2_000),
  () => ({ postId: crypto.randomUUID(), emoji: "\u0000" }),
  () => ({ threadId: "\u0000", afterSeq: -1 }),
];

export function startRogueClient(url: string, everyMs = 10): RogueClient {
  const socket: Socket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
  });
  const answers = new Map<string, number>();
  const rogue: RogueClient = { sent: 0, answers, close: () => (clearInterval(timer), socket.disconnect()) };
  const count = (code: string) => answers.set(code, (answers.get(code) ?? 0) + 1);
  socket.on("app:error", (error: { code?: string }) => count(error.code ?? "app:error"));
  const timer = setInterval(() => {
    if (!socket.connected) return;
    const event = events[Math.floor(Math.random() * events.length)]!;
    const payload = payloads[Math.floor(Math.random() * payloads.length)]!();
    rogue.sent += 1;
    if (Math.random() < 0.5) {
      socket.emit(event, payload);
      return;
    }
    socket
      .timeout(5_000)
      .emitWithAck(event, payload)
      .then(
        (ack: { ok?: boolean; error?: { code?: string } }) =>
          count(ack?.ok ? "ok" : (ack?.error?.code ?? "no code")),
        () => count("no answer"),
      );
  }, everyMs);
  return rogue;
}
