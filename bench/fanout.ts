import type { Database } from "../db/client";
import { seedDiscussion } from "../lib/posts/testing";
import { threadRoom } from "../lib/realtime/events";
import { waitFor } from "../lib/realtime/testing";
import { split, withWorkers } from "./lib/client-fleet";
import type { BenchSection } from "./lib/report";
import { startAgoraServer, startBareServer } from "./lib/servers";
import { fixed, ratio, summarize, type Summary } from "./lib/stats";

/**
 * Fan-out latency: N sockets in one thread's room, one member posting at a steady rate; the
 * time from send to receipt at every socket. Baseline: bare Socket.IO broadcasting a payload of
 * the same size on receipt, measured in the same run.
 */
export interface FanoutOptions {
  sizes: number[];
  durationMs: number;
  ratePerSecond: number;
}

interface FanoutResult {
  latency: Summary;
  sent: number;
  failed: number;
  missing: number;
  duplicates: number;
  disconnects: number;
  payloadBytes: number;
}

const socketsPerWorker = 500;

async function measure(
  url: string,
  target: {
    join: string;
    listen: string;
    post: string;
    threadId: string;
    takeawayIds: string[];
    /** Sockets the server has in the room. */
    roomSize: () => number;
  },
  senderId: string | null,
  size: number,
  options: FanoutOptions,
  bareBytes?: number,
): Promise<FanoutResult> {
  const receiverSlices = split(
    Array.from({ length: size }, () => null),
    Math.ceil(size / socketsPerWorker),
  );
  return withWorkers(receiverSlices.length + 1, async (workers) => {
    const sender = workers[0]!;
    const receivers = workers.slice(1);
    await Promise.all(
      receivers.map((worker, index) =>
        worker.request(
          {
            type: "connect",
            url,
            users: receiverSlices[index]!,
            join: { event: target.join, threadId: target.threadId },
            listen: target.listen,
          },
          "ready",
        ),
      ),
    );
    await sender.request({ type: "connect", url, users: [senderId] }, "ready");
    // Every receiver is in the room on the server's side, and the last presence count (sent
    // within half a second of the last join) is out, before the first post.
    await waitFor(() => target.roomSize() === size, {
      timeoutMs: 30_000,
      message: `${size} sockets in the room`,
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { records } = await sender.request(
      {
        type: "send",
        event: target.post,
        mode: "steady",
        ratePerSecond: options.ratePerSecond,
        durationMs: options.durationMs,
        threadId: target.threadId,
        takeawayIds: target.takeawayIds,
        prefix: "fanout",
        bareBytes,
      },
      "sent",
      options.durationMs + 60_000,
    );
    const delivered = records.filter((record) => record.ok);
    const keys = delivered.map((record) => record.clientId);
    const replies = await Promise.all(
      receivers.map((worker) =>
        worker.request({ type: "collect", keys, timeoutMs: 15_000 }, "receipts", 60_000),
      ),
    );
    const latencies: number[] = [];
    let received = 0;
    for (const reply of replies) {
      for (const record of delivered) {
        const times = reply.receipts[record.clientId] ?? [];
        received += times.length;
        for (const at of times) latencies.push(at - record.sentAt);
      }
    }
    return {
      latency: summarize(latencies),
      sent: records.length,
      failed: records.length - delivered.length,
      missing: delivered.length * size - received,
      duplicates: replies.reduce((sum, reply) => sum + reply.duplicates, 0),
      disconnects: replies.reduce((sum, reply) => sum + reply.disconnects, 0),
      payloadBytes: replies.find((reply) => reply.sampleBytes)?.sampleBytes ?? 0,
    };
  });
}

const row = (size: number, name: string, result: FanoutResult) => [
  size,
  name,
  `${result.sent - result.failed}/${result.sent}`,
  fixed(result.latency.p50),
  fixed(result.latency.p95),
  fixed(result.latency.p99),
  fixed(result.latency.max),
  result.missing,
  result.duplicates,
  result.disconnects,
];

async function measureSize(db: Database, size: number, options: FanoutOptions) {
  const seeded = await seedDiscussion(db, { takeaways: 3 });
  const agoraServer = await startAgoraServer(db);
  let agora: FanoutResult;
  try {
    agora = await measure(
      agoraServer.url,
      {
        join: "thread:join",
        listen: "post:created",
        post: "post:create",
        threadId: seeded.threadId,
        takeawayIds: seeded.takeawayIds,
        roomSize: () => agoraServer.io.of("/").adapter.rooms.get(threadRoom(seeded.threadId))?.size ?? 0,
      },
      seeded.members.alice.id,
      size,
      options,
    );
  } finally {
    await agoraServer.close();
  }
  const bareServer = await startBareServer();
  let bare: FanoutResult;
  try {
    bare = await measure(
      bareServer.url,
      {
        join: "bare:join",
        listen: "bare:created",
        post: "bare:post",
        threadId: "bare",
        takeawayIds: [],
        roomSize: bareServer.roomSize,
      },
      null,
      size,
      options,
      agora.payloadBytes,
    );
  } finally {
    await bareServer.close();
  }
  console.log(`fanout ${size}: Agora p99 ${fixed(agora.latency.p99)} ms, bare ${fixed(bare.latency.p99)} ms`);
  return { size, agora, bare };
}

export async function runFanout(db: Database, options: FanoutOptions): Promise<BenchSection> {
  const results: { size: number; agora: FanoutResult; bare: FanoutResult }[] = [];
  const failures: string[] = [];
  for (const size of options.sizes) {
    try {
      results.push(await measureSize(db, size, options));
    } catch (error) {
      // One size failing must not lose the others' figures.
      failures.push(`${size} sockets: failed (${(error as Error).message}).`);
      console.error(`fanout ${size} failed:`, error);
    }
  }
  const at1000 = results.find((result) => result.size === 1000);
  const clean = results.every(
    ({ agora, bare }) => agora.missing + agora.duplicates + bare.missing + bare.duplicates === 0,
  );
  return {
    title: "Fan-out latency (send → receipt at every socket)",
    tables: [
      {
        caption: `One member posts ${options.ratePerSecond}/s for ${options.durationMs / 1000} s; milliseconds; payload ${results[0]?.agora.payloadBytes ?? "?"} bytes`,
        headers: [
          "sockets",
          "server",
          "acked",
          "p50",
          "p95",
          "p99",
          "max",
          "missing",
          "duplicated",
          "dropped sockets",
        ],
        rows: results.flatMap(({ size, agora, bare }) => [
          row(size, "Agora", agora),
          row(size, "bare Socket.IO", bare),
        ]),
      },
      {
        caption: "Agora / bare",
        headers: ["sockets", "p50", "p95", "p99", "max"],
        rows: results.map(({ size, agora, bare }) => [
          size,
          ratio(agora.latency.p50, bare.latency.p50),
          ratio(agora.latency.p95, bare.latency.p95),
          ratio(agora.latency.p99, bare.latency.p99),
          ratio(agora.latency.max, bare.latency.max),
        ]),
      },
    ],
    notes: [
      at1000
        ? `Aim p99 at 1,000 sockets ≤ 2× bare: ${ratio(at1000.agora.latency.p99, at1000.bare.latency.p99)} — ${at1000.agora.latency.p99 <= 2 * at1000.bare.latency.p99 ? "met" : "missed"}.`
        : "Aim p99 at 1,000 sockets ≤ 2× bare: not measured in this run.",
      `Aim zero lost or duplicated messages: ${clean ? "met" : "missed"}.`,
      ...failures,
    ],
  };
}
