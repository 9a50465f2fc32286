import type { Socket } from "socket.io";
import type { z } from "zod";
import { AppError, toErrorBody } from "../errors";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "./events";

export type AgoraSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ` : "") + issue.message)
    .join("; ");
}

/**
 * Wraps a socket event handler: validates the payload with its zod schema, runs the handler,
 * and answers on the ack (or with an `app:error` event when the client gave none). Nothing a
 * client sends can throw past this point, so no event crashes the server.
 */
export function onEvent<Input, Output>(
  socket: AgoraSocket,
  event: keyof ClientToServerEvents,
  schema: z.ZodType<Input>,
  handler: (input: Input) => Promise<Output> | Output,
) {
  socket.on(event, async (...args: unknown[]) => {
    const last = args.at(-1);
    const ack = typeof last === "function" ? (last as (ack: Ack<Output>) => void) : undefined;
    const payload = ack ? args.slice(0, -1)[0] : args[0];
    let answer: Ack<Output>;
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new AppError("bad_request:event", `Invalid ${event} payload: ${describeIssues(parsed.error)}`);
      }
      answer = { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      answer = { ok: false, error: toErrorBody(error) };
    }
    if (ack) ack(answer);
    else if (!answer.ok) socket.emit("app:error", { ...answer.error, event });
  });
}
