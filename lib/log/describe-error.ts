/**
 * One line per failure. A failed query wrapped by Drizzle carries its whole SQL text and
 * parameters (members' words among them) in its message: during a database outage every request
 * logged that, thousands of lines for a few seconds of downtime. What an operator needs is the
 * error's code and the innermost reason.
 */

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  severity?: unknown;
  cause?: unknown;
  errno?: unknown;
}

function chainOf(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === "object" && chain.length < 8) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

/** PostgreSQL SQLSTATE classes and client codes that mean "the database is not reachable now". */
const unavailableCodes = new Set([
  "57P01", // admin_shutdown (pg_terminate_backend, a restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

function codeOf(link: ErrorLike): string | undefined {
  return typeof link.code === "string" && link.code ? link.code : undefined;
}

/** True when the failure is the database going away, not a bug: worth a 503, not a stack trace. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chainOf(error).some((link) => {
    const code = codeOf(link);
    if (code && (unavailableCodes.has(code) || code.startsWith("08"))) return true;
    // A connection refused by the server itself: ALLOW_CONNECTIONS false, a database being dropped.
    if (link.severity === "FATAL" || link.severity === "PANIC") return true;
    return typeof link.message === "string" && /Connection terminated/i.test(link.message);
  });
}

/** `CODE: innermost message`, on one line, without SQL text or parameters. */
export function describeError(error: unknown): string {
  const chain = chainOf(error);
  if (chain.length === 0) return String(error);
  const innermost = chain.at(-1)!;
  const code = [...chain].reverse().map(codeOf).find(Boolean);
  const message =
    typeof innermost.message === "string" && innermost.message
      ? innermost.message.split("\n", 1)[0]!
      : String(innermost as unknown);
  return code ? `${code}: ${message}` : message;
}

/**
 * Logs a failure an operator should see: the database being away as one line with its code
 * (an outage fails every request at once), anything else in full, for its stack.
 */
export function logFailure(message: string, error: unknown): void {
  if (isDatabaseUnavailable(error)) console.error(`${message}: ${describeError(error)}`);
  else console.error(message, error);
}
