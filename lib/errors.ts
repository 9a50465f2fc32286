import { describeError, isDatabaseUnavailable } from "./log/describe-error";

/**
 * The one error type lib code throws. Boundaries (route handlers, server actions, socket
 * handlers, CLIs) catch it and map `kind` to an HTTP status or a socket ack; anything else
 * reaches users as a generic message and the log with its cause.
 */
export const errorKinds = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof errorKinds;

/** `kind:surface`, e.g. `bad_request:article_file` or `forbidden:post`. */
export type ErrorCode = `${ErrorKind}:${string}`;

export interface AppErrorOptions {
  cause?: unknown;
  /** Machine-readable details safe to show to the caller (field errors, line numbers, retry delays). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
  }

  get kind(): ErrorKind {
    return this.code.slice(0, this.code.indexOf(":")) as ErrorKind;
  }

  get status(): number {
    return errorKinds[this.kind];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The shape every boundary answers with: HTTP JSON bodies and socket acks alike. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

function logLine(message: string, cause?: unknown) {
  if (cause === undefined) console.error(message);
  else console.error(message, cause);
}

const genericMessage = "Une erreur inattendue est survenue. Réessayez dans un instant.";
const unavailableMessage = "Le service est momentanément indisponible. Réessayez dans un instant.";

/**
 * Turns any thrown value into what a caller may see; unknown errors are logged, never leaked.
 * The database going away is not a bug: the caller may retry (503), and the log gets one line
 * per failure rather than the failed statement and its parameters.
 */
export function toErrorBody(
  error: unknown,
  log: (message: string, cause?: unknown) => void = logLine,
): ErrorBody {
  if (isAppError(error)) {
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  if (isDatabaseUnavailable(error)) {
    log(`Database unavailable: ${describeError(error)}`);
    return { code: "unavailable:database", message: unavailableMessage };
  }
  log("Unexpected error", error);
  return { code: "internal:unexpected", message: genericMessage };
}

export function statusOf(body: ErrorBody): number {
  const kind = body.code.slice(0, body.code.indexOf(":")) as ErrorKind;
  return errorKinds[kind] ?? 500;
}
