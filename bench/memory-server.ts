import { openDatabase, type DatabaseConnection } from "../db/client";
import { seedDiscussion } from "../lib/posts/testing";
import { startAgoraServer, startBareServer } from "./lib/servers";
import { settledMemory } from "./lib/settled-memory";

/**
 * The server whose memory bench/memory.ts measures, alone in its own process (forked through
 * tsx), so that its RSS holds nothing but the server: no load generator, no other benchmark's
 * leftovers. Told which server to run by argv, it answers IPC requests for its memory.
 */
export type MemoryServerReply =
  | { type: "listening"; url: string; threadId: string }
  | { type: "memory"; rss: number; heapUsed: number; clients: number }
  | { type: "error"; message: string };

const reply = (message: MemoryServerReply) => process.send?.(message);

async function main() {
  const kind = process.argv[2];
  let connection: DatabaseConnection | null = null;
  let clients: () => number;
  if (kind === "agora") {
    // The scratch database's URL, or an in-memory embedded PostgreSQL of this process's own.
    const url = process.argv[3];
    connection = url ? openDatabase({ url }) : openDatabase({ dataDir: null });
    if (!url) await connection.migrate();
    const seeded = await seedDiscussion(connection.db, { takeaways: 3 });
    const server = await startAgoraServer(connection.db);
    clients = () => server.io.engine.clientsCount;
    reply({ type: "listening", url: server.url, threadId: seeded.threadId });
  } else {
    const server = await startBareServer();
    clients = server.clients;
    reply({ type: "listening", url: server.url, threadId: "bare" });
  }
  process.on("message", (message: { type: "measure" }) => {
    if (message.type !== "measure") return;
    const { rss, heapUsed } = settledMemory();
    reply({ type: "memory", rss, heapUsed, clients: clients() });
  });
  // The benchmark going away takes this server with it.
  process.on("disconnect", () => {
    void connection?.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  reply({ type: "error", message: (error as Error).message ?? String(error) });
  process.exit(1);
});
