import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { WorkerCommand, WorkerReply } from "./worker-protocol";

const workerScript = resolve(process.cwd(), "bench/client-worker.ts");

/** A client worker: a child process running bench/client-worker.ts through tsx. */
export interface ClientWorker {
  request<T extends WorkerReply["type"]>(
    command: WorkerCommand,
    expect: T,
    timeoutMs?: number,
  ): Promise<Extract<WorkerReply, { type: T }>>;
  kill(): void;
}

export function startWorker(): ClientWorker {
  const child: ChildProcess = fork(workerScript, [], {
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
        const onMessage = (reply: WorkerReply) => {
          if (reply.type === "error") {
            cleanup();
            reject(new Error(`Client worker ${child.pid}: ${reply.message}`));
          } else if (reply.type === expect) {
            cleanup();
            resolvePromise(reply as Extract<WorkerReply, { type: typeof expect }>);
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

/** Starts `count` workers, runs `run`, and always kills them. */
export async function withWorkers<T>(
  count: number,
  run: (workers: ClientWorker[]) => Promise<T>,
): Promise<T> {
  const workers = Array.from({ length: count }, () => startWorker());
  try {
    return await run(workers);
  } finally {
    for (const worker of workers) worker.kill();
  }
}
