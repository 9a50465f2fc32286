import { io as connect, type Socket } from "socket.io-client";
import type { WorkerCommand, WorkerReply, SendRecord } from "./lib/worker-protocol";

/**
 * A load-generating child process (forked by bench/lib/client-fleet.ts): it holds sockets so the
 * server's process never also plays the clients. Timestamps are performance.timeOrigin +
 * performance.now(), one wall clock shared by every process on the machine.
 */
const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];
// Per message key: the receipt times at every socket of this worker.
const receipts = new Map<string, number[]>();
let duplicates = 0;
let sampleBytes = 0;
let disconnects = 0;

function reply(message: WorkerReply) {
  process.send?.(message);
}

function ackOf(socket: Socket, event: string, payload: unknown, timeoutMs = 30_000): Promise<unknown> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload);
}

async function openSockets(command: Extract<WorkerCommand, { type: "connect" }>) {
  const open = (userId: string | null) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(command.url, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        // A room being joined by thousands keeps the server busy with presence broadcasts.
        timeout: 150_000,
        auth: userId ? { testUserId: userId } : {},
      });
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
      socket.on("disconnect", (reason) => {
        if (reason !== "io client disconnect") disconnects++;
      });
    });
  // In batches: thousands of simultaneous handshakes overflow the server's listen backlog.
  for (let start = 0; start < command.users.length; start += 50) {
    for (const socket of await Promise.all(command.users.slice(start, start + 50).map(open))) {
      sockets.push(socket);
      if (command.listen) listen(socket, command.listen);
    }
  }
  if (command.join) {
    const { event, threadId } = command.join;
    // Joined a batch at a time so the handshake storm does not time out on a busy machine.
    for (let start = 0; start < sockets.length; start += 100)
      await Promise.all(
        sockets.slice(start, start + 100).map((socket) => ackOf(socket, event, { threadId })),
      );
  }
  reply({ type: "ready", sockets: sockets.length });
}

function listen(socket: Socket, event: string) {
  const seen = new Set<string>();
  socket.on(event, (change: { post: { clientId: string | null } }) => {
    const at = now();
    const key = change.post.clientId ?? "";
    if (!sampleBytes) sampleBytes = JSON.stringify(change).length;
    if (seen.has(key)) {
      duplicates++;
      return;
    }
    seen.add(key);
    let times = receipts.get(key);
    if (!times) receipts.set(key, (times = []));
    times.push(at);
  });
}

async function send(command: Extract<WorkerCommand, { type: "send" }>): Promise<SendRecord[]> {
  const records: SendRecord[] = [];
  const deadline = now() + command.durationMs;
  let counter = 0;
  const payload = (clientId: string, socketIndex: number) =>
    command.bareBytes
      ? { type: "post:created", post: { clientId, body: "x".repeat(Math.max(0, command.bareBytes - 60)) } }
      : {
          threadId: command.threadIds?.[socketIndex % command.threadIds.length] ?? command.threadId,
          clientId,
          takeawayId: command.threadIds
            ? null
            : command.takeawayIds[counter % command.takeawayIds.length] || null,
          body: `Commentaire de banc d’essai n° ${counter} : ${"un avis argumenté, ".repeat(8)}`,
        };
  const sendOne = async (socket: Socket, socketIndex: number) => {
    const clientId = `${command.prefix}-${process.pid}-${counter++}`;
    const sentAt = now();
    let ok = false;
    try {
      const answer = (await ackOf(socket, command.event, payload(clientId, socketIndex))) as { ok: boolean };
      ok = answer.ok;
    } catch {
      ok = false;
    }
    records.push({ clientId, sentAt, ackAt: now(), ok });
  };
  if (command.mode === "steady") {
    // Open loop: a send every interval whatever the acks, as a member typing steadily would.
    const interval = 1000 / command.ratePerSecond;
    const pending: Promise<void>[] = [];
    for (let index = 0; now() < deadline; index++) {
      pending.push(sendOne(sockets[index % sockets.length]!, index % sockets.length));
      const next = deadline - command.durationMs + (index + 1) * interval;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - now())));
    }
    await Promise.all(pending);
  } else {
    // Closed loop: every socket sends again as soon as its previous comment is acknowledged.
    await Promise.all(
      sockets.map(async (socket, index) => {
        while (now() < deadline) await sendOne(socket, index);
      }),
    );
  }
  return records;
}

async function waitForReceipts(expectedPerKey: string[], timeoutMs: number) {
  const deadline = now() + timeoutMs;
  const complete = () => expectedPerKey.every((key) => (receipts.get(key)?.length ?? 0) >= sockets.length);
  while (!complete() && now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

process.on("message", (command: WorkerCommand) => {
  const run = async () => {
    switch (command.type) {
      case "connect":
        return openSockets(command);
      case "send":
        return reply({ type: "sent", records: await send(command) });
      case "collect":
        await waitForReceipts(command.keys, command.timeoutMs);
        return reply({
          type: "receipts",
          receipts: Object.fromEntries(receipts),
          duplicates,
          sampleBytes,
          sockets: sockets.length,
          disconnects,
        });
      case "close":
        for (const socket of sockets) socket.disconnect();
        sockets.length = 0;
        receipts.clear();
        return reply({ type: "closed" });
    }
  };
  run().catch((error: unknown) =>
    reply({ type: "error", message: (error as Error).message ?? String(error) }),
  );
});

// The parent going away must not leave clients behind.
process.on("disconnect", () => process.exit(0));
