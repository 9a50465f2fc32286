import postgres from "postgres";
import type { Database } from "../db/client";
import { seedDiscussion } from "../lib/posts/testing";
import { split, withWorkers } from "./lib/client-fleet";
import type { BenchSection } from "./lib/report";
import { createMembers, startAgoraServer } from "./lib/servers";
import { fixed, ratio, summarize, type Summary } from "./lib/stats";
import type { SendRecord } from "./lib/worker-protocol";

/**
 * Write throughput: members posting as fast as their acks come back, through the real socket
 * pipeline (validation, member reload, authorization, transaction, broadcast); baseline: raw
 * postgres.js INSERTs of the same rows at the same concurrency, in the same run.
 */
export interface WritesOptions {
  members: number;
  durationMs: number;
}

interface Throughput {
  perSecond: number;
  ack: Summary;
  failed: number;
}

const bodyOf = (index: number) =>
  `Commentaire de banc d’essai n° ${index} : ${"un avis argumenté, ".repeat(8)}`;

function throughput(records: SendRecord[], durationMs: number): Throughput {
  const ok = records.filter((record) => record.ok);
  return {
    perSecond: ok.length / (durationMs / 1000),
    ack: summarize(ok.map((record) => record.ackAt - record.sentAt)),
    failed: records.length - ok.length,
  };
}

/** Agora: `members` sockets over two worker processes, each sending again on its ack. */
export async function measureAgoraWrites(
  db: Database,
  options: WritesOptions,
  { threadPerMember = false } = {},
): Promise<Throughput> {
  const seeded = await seedDiscussion(db, { takeaways: 3 });
  // Writers of one thread queue on its row lock; one thread each shows the pipeline without that queue.
  const threadIds: string[] = [];
  for (let index = 0; threadPerMember && index < options.members; index++)
    threadIds.push((await seedDiscussion(db, { takeaways: 0 })).threadId);
  const members = await createMembers(db, options.members, "writer");
  const server = await startAgoraServer(db);
  try {
    const slices = split(members, 2);
    return await withWorkers(slices.length, async (workers) => {
      await Promise.all(
        workers.map((worker, index) =>
          worker.request({ type: "connect", url: server.url, users: slices[index]! }, "ready"),
        ),
      );
      const started = performance.now();
      const replies = await Promise.all(
        workers.map((worker) =>
          worker.request(
            {
              type: "send",
              event: "post:create",
              mode: "saturate",
              ratePerSecond: 0,
              durationMs: options.durationMs,
              threadId: seeded.threadId,
              threadIds: threadPerMember ? threadIds : undefined,
              takeawayIds: [...seeded.takeawayIds, ""],
              prefix: "writes",
            },
            "sent",
            options.durationMs + 60_000,
          ),
        ),
      );
      // The last sends finish after the deadline: count the time they really took.
      return throughput(
        replies.flatMap((reply) => reply.records),
        performance.now() - started,
      );
    });
  } finally {
    await server.close();
  }
}

/** The same rows with plain INSERTs, `members` loops sharing a pool the size of Agora's. */
async function measureRawInserts(db: Database, url: string, options: WritesOptions): Promise<Throughput> {
  const seeded = await seedDiscussion(db, { takeaways: 3 });
  const members = await createMembers(db, options.members, "raw");
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  let seq = 1000;
  const records: SendRecord[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  try {
    await Promise.all(
      members.map(async (authorId) => {
        while (performance.now() < deadline) {
          const id = crypto.randomUUID();
          const mySeq = ++seq;
          const takeawayId = seeded.takeawayIds[mySeq % 4] ?? null;
          const sentAt = performance.now();
          await sql`insert into posts (id, thread_id, author_id, kind, takeaway_id, root_id, depth, path, seq, body, client_id)
            values (${id}, ${seeded.threadId}, ${authorId}, 'comment', ${takeawayId}, ${id}, 0, array[${mySeq}]::bigint[], ${mySeq}, ${bodyOf(mySeq)}, ${`raw-${mySeq}`})`;
          records.push({ clientId: id, sentAt, ackAt: performance.now(), ok: true });
        }
      }),
    );
    return throughput(records, performance.now() - started);
  } finally {
    await sql.end();
  }
}

export async function runWrites(
  postgresDb: { db: Database; url: string } | null,
  pgliteDb: Database | null,
  options: WritesOptions,
): Promise<BenchSection> {
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  const line = (name: string, result: Throughput) => [
    name,
    fixed(result.perSecond, 0),
    fixed(result.ack.p50),
    fixed(result.ack.p99),
    result.failed,
  ];
  if (postgresDb) {
    const agora = await measureAgoraWrites(postgresDb.db, options);
    const spread = await measureAgoraWrites(postgresDb.db, options, { threadPerMember: true });
    const raw = await measureRawInserts(postgresDb.db, postgresDb.url, options);
    console.log(`writes: Agora ${fixed(agora.perSecond, 0)}/s, raw INSERT ${fixed(raw.perSecond, 0)}/s`);
    rows.push(
      line("Agora on PostgreSQL, one thread", agora),
      line("Agora on PostgreSQL, one thread per member", spread),
      line("raw INSERT (postgres.js)", raw),
    );
    const share = agora.perSecond / raw.perSecond;
    notes.push(
      `Agora / raw INSERT throughput: ${ratio(agora.perSecond, raw.perSecond)}; aim ≥ 50%: ${share >= 0.5 ? "met" : "missed"}; ` +
        `one thread per member: ${ratio(spread.perSecond, raw.perSecond)}.`,
    );
  } else {
    notes.push("PostgreSQL not measured (no DATABASE_URL): the raw INSERT baseline needs it.");
  }
  if (pgliteDb) {
    const embedded = await measureAgoraWrites(pgliteDb, options);
    console.log(`writes: Agora on PGlite ${fixed(embedded.perSecond, 0)}/s`);
    rows.push(line("Agora on embedded PGlite", embedded));
  }
  return {
    title: "Write throughput (comments through the socket pipeline)",
    tables: [
      {
        caption: `${options.members} members each sending on their previous ack for ${options.durationMs / 1000} s; pool of 10 connections; ack latency in ms`,
        headers: ["path", "comments/s", "ack p50", "ack p99", "failed"],
        rows,
      },
    ],
    notes,
  };
}
