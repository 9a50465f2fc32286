import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

const clientWorkerScript = "bench/client-worker.ts";

/** Every worker answers a command it could not carry out with an error reply. */
type Reply = { type: string } | { type: "error"; message: string };

/**
 * A client worker: a child process running bench/client-worker.ts (or another worker script
 * with its own protocol, such as bench/note-worker.ts) through tsx.
 */
export interface ClientWorker<Command extends object = WorkerCommand, Replies extends Reply = WorkerReply> {
  request<T extends Replies["type"]>(
    command: Command,
    expect: T,
    timeoutMs?: number,
  ): Promise<Extract<Replies, { type: T }>>;
  kill(): void;
}

export function startWorker<Command extends object = WorkerCommand, Replies extends Reply = WorkerReply>(
  script = clientWorkerScript,
): ClientWorker<Command, Replies> {
  const child: ChildProcess = fork(resolve(process.cwd(), script), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return {
    request(command, expect, timeoutMs = 180_000) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Client worker ${child.pid}: no ${expect} after ${timeoutMs} ms`));
        }, timeoutMs);
        const onMessage = (reply: Replies) => {
          if (reply.type === "error") {
            cleanup();
            reject(new Error(`Client worker ${child.pid}: ${(reply as { message?: string }).message}`));
          } else if (reply.type === expect) {
            cleanup();
            resolvePromise(reply as Extract<Replies, { type: typeof expect }>);
          }
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`Client worker ${child.pid} exited (${code}) before ${expect}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.off("message", onMessage);
          child.off("exit", onExit);
        };
        child.on("message", onMessage);
        child.on("exit", onExit);
        child.send(command);
      });
    },
    kill() {
      if (child.exitCode === null) child.kill();
    },
  };
}

/** Splits `items` into at most `parts` nearly equal slices. */
export function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / Math.max(1, parts));
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size) slices.push(items.slice(start, start + size));
  return slices;
}

/** Starts `count` workers (of `script`, client workers by default), runs `run`, and always kills them. */
export async function withWorkers<
  T,
  Command extends object = WorkerCommand,
  Replies extends Reply = WorkerReply,
>(
  count: number,
  run: (workers: ClientWorker<Command, Replies>[]) => Promise<T>,
  script = clientWorkerScript,
): Promise<T> {
  const workers = Array.from({ length: count }, () => startWorker<Command, Replies>(script));
  try {
    return await run(workers);
  } finally {
    for (const worker of workers) worker.kill();
  }
}
