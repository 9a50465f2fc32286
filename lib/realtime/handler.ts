import type { Socket } from "socket.io";
import type { z } from "zod";
import { AppError, toErrorBody } from "../errors";
import { frenchIssues } from "../french-issues";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "./events";

export type AgoraSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

type EventName = keyof ClientToServerEvents;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ` : "") + issue.message)
    .join("; ");
}

/**
 * Validates an event's payload with its zod schema, runs the handler, and answers on the ack
 * (or with an `app:error` event when the client gave none). Nothing a client sends can throw
 * past this point, so no event crashes the server.
 */
async function answer<Input, Output>(
  socket: AgoraSocket,
  event: EventName,
  schema: z.ZodType<Input>,
  args: unknown[],
  handler: (input: Input) => Promise<Output> | Output,
) {
  const last = args.at(-1);
  const ack = typeof last === "function" ? (last as (ack: Ack<Output>) => void) : undefined;
  const payload = ack ? args.slice(0, -1)[0] : args[0];
  let reply: Ack<Output>;
  try {
    const parsed = schema.safeParse(payload, { error: frenchIssues });
    if (!parsed.success) {
      throw new AppError(
        "bad_request:event",
        `Requête ${event} invalide\u202f: ${describeIssues(parsed.error)}`,
      );
    }
    reply = { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    reply = { ok: false, error: toErrorBody(error) };
  }
  if (ack) ack(reply);
  else if (!reply.ok) socket.emit("app:error", { ...reply.error, event });
}

type Route = (socket: AgoraSocket, args: unknown[]) => Promise<void>;

/**
 * Handlers defined once per server and shared by every socket, which only holds one listener
 * that looks its events up here. Registering each handler on each socket cost about 40
 * closures per connection, most of a reader's memory on the server (bench/memory.ts).
 */
export interface EventRouter {
  on<Input, Output>(
    event: EventName,
    schema: z.ZodType<Input>,
    handler: (socket: AgoraSocket, input: Input) => Promise<Output> | Output,
  ): void;
  /** Routes the socket's events; events with no route are ignored, as with no listener. */
  attach(socket: AgoraSocket): void;
  /** The events routed so far, so tests can reach every one without keeping a list. */
  events(): string[];
}

export function createEventRouter(): EventRouter {
  const routes = new Map<string, Route>();
  const dispatch = function (this: AgoraSocket, event: string, ...args: unknown[]) {
    void routes.get(event)?.(this, args);
  };
  return {
    on(event, schema, handler) {
      if (routes.has(event)) throw new Error(`Two handlers for ${event}.`);
      routes.set(event, (socket, args) =>
        answer(socket, event, schema, args, (input) => handler(socket, input)),
      );
    },
    attach(socket) {
      // Socket.IO calls catch-all listeners with the socket as `this`: one function for all sockets.
      socket.onAny(dispatch);
    },
    events() {
      return [...routes.keys()];
    },
  };
}
