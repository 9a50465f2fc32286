import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase } from "../db/client";
import { selectTopLevel } from "../lib/posts/discussion-queries";
import { commentsPerPage } from "../lib/posts/limits";
import type { ServerDatabase } from "./lib/production-server";

/**
 * The long-thread baseline, in a child process of its own like the Agora server it is compared
 * with (forked by bench/threads.ts): a bare node:http server that runs the keyset query of a
 * discussion's first page — the very function the JSON endpoint calls, so the same SQL through
 * the same driver and a pool of the same size — and answers the rows with JSON.stringify.
 * Nothing else: no framework, no replies, no reactions, no Markdown, no session.
 * GET /discussion?thread=<id> → the general discussion's first top-level comments.
 */
const database = JSON.parse(process.argv[2] ?? "null") as ServerDatabase | null;
if (!database) throw new Error("bare-thread-server: pass the database as JSON in argv[2]");
const connection = openDatabase("url" in database ? { url: database.url } : { dataDir: database.dataDir });

const server = createServer((request, response) => {
  const threadId = new URL(request.url ?? "/", "http://bare").searchParams.get("thread");
  if (!threadId) {
    response.writeHead(400).end();
    return;
  }
  selectTopLevel(connection.db, threadId, null, 0, commentsPerPage + 1).then(
    (rows) => {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(rows));
    },
    (error: unknown) => {
      console.error("bare-thread-server:", error);
      response.writeHead(500).end();
    },
  );
});

server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

// Orphaned (the benchmark died without closing it): nothing is left to serve.
process.on("disconnect", () => process.exit(0));

process.on("message", (message: { type?: string }) => {
  if (message.type !== "close") return;
  server.closeAllConnections();
  server.close(() => void connection.close().finally(() => process.exit(0)));
});
