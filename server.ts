import { createServer } from "node:http";
import next from "next";
import { closeDatabase, getDatabase } from "./db/client";
import { prepareDatabase } from "./db/prepare";
import { stampClientAddress } from "./lib/auth/client-ip";
import { allowedSocketOrigins, identifyFromSessionCookie } from "./lib/auth/socket-identity";
import { getAuthSecret, getPublicUrl } from "./lib/auth/secret";
import { getEnv } from "./lib/env";
import { describeError, logFailure } from "./lib/log/describe-error";
import { createRealtimeAdapter } from "./lib/realtime/adapter";
import { getNoteRegistry } from "./lib/realtime/notes-handler";
import { createRealtimeServer } from "./lib/realtime/server";

/**
 * Next.js keeps the process alive on uncaught errors (it logs the bare error); ours say what
 * they are, on one line first, so a swallowed failure is never silent nor unnamed.
 */
function reportProcessErrors() {
  process.on("uncaughtException", (error) =>
    console.error(`Uncaught exception (the process goes on): ${describeError(error)}`, error.stack ?? ""),
  );
  process.on("unhandledRejection", (reason) =>
    console.error(`Unhandled rejection (the process goes on): ${describeError(reason)}`),
  );
}

/** One process, one port: Next.js pages and routes, and Socket.IO beside them. */
async function main() {
  reportProcessErrors();
  const env = getEnv();
  const dev = env.NODE_ENV !== "production";
  // next-auth reads its public URL from the environment; it comes from our validated settings.
  process.env.NEXTAUTH_URL = getPublicUrl();
  getAuthSecret();

  const database = getDatabase();
  const seeded = await prepareDatabase(database, { seedDemo: env.AGORA_SEED_DEMO });
  console.log(`Database: ${database.driver} (${database.location}), migrations applied.`);
  if (seeded) console.log(`Seeded ${seeded.created.length} demo article(s) into the empty database.`);

  const app = next({ dev, hostname: "localhost", port: env.PORT });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleUpgrade = app.getUpgradeHandler();

  const httpServer = createServer((req, res) => {
    // Only this server sees the connection; Next's handlers read the address from a header.
    stampClientAddress(req);
    void handleRequest(req, res);
  });
  const adapter = await createRealtimeAdapter(env);
  console.log(`Socket.IO adapter: ${adapter.kind}.`);
  const io = createRealtimeServer(httpServer, {
    allowedOrigins: allowedSocketOrigins(),
    identify: identifyFromSessionCookie,
    adapter,
  });
  httpServer.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io/")) void handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.PORT, env.HOST, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(`Agora ready on http://localhost:${port} (${dev ? "development" : "production"}).`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing connections and the database.`);
    // Embedded PostgreSQL flushes to disk on close; a killed process could lose recent writes.
    const forced = setTimeout(() => process.exit(1), 10_000).unref();
    await io.close().catch(() => {});
    // Live notes compact into their snapshot on close; that needs the database still open.
    await getNoteRegistry(io)
      ?.close()
      .catch((error: unknown) => logFailure("Closing live notes failed", error));
    await adapter.close();
    httpServer.closeAllConnections();
    await app.close().catch(() => {});
    await closeDatabase().catch((error) => console.error("Closing the database failed:", error));
    clearTimeout(forced);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause) console.error(error.cause);
  await closeDatabase().catch(() => {});
  process.exit(1);
});
