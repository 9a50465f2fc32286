/** Messages between the benchmark's parent process and its client workers (bench/client-worker.ts). */
export type WorkerCommand =
  | {
      type: "connect";
      url: string;
      /** One socket per entry: the member it acts as (null for a guest). */
      users: (string | null)[];
      /** The room to join once connected, and with which event. */
      join?: { event: string; threadId: string };
      /** The broadcast event whose receipts are recorded. */
      listen?: string;
    }
  | {
      type: "send";
      event: string;
      /** steady: a send every 1/ratePerSecond s; saturate: each socket sends on its previous ack. */
      mode: "steady" | "saturate";
      ratePerSecond: number;
      durationMs: number;
      threadId: string;
      /** When set, socket i posts to threadIds[i % length] (general comments) instead. */
      threadIds?: string[];
      takeawayIds: string[];
      prefix: string;
      /** For the bare server: the size of the payload to broadcast, like Agora's. */
      bareBytes?: number;
    }
  | { type: "collect"; keys: string[]; timeoutMs: number }
  | { type: "close" };

export interface SendRecord {
  clientId: string;
  sentAt: number;
  ackAt: number;
  ok: boolean;
}

export type WorkerReply =
  | { type: "ready"; sockets: number }
  | { type: "sent"; records: SendRecord[] }
  | {
      type: "receipts";
      receipts: Record<string, number[]>;
      duplicates: number;
      sampleBytes: number;
      sockets: number;
      /** Sockets the server dropped during the run (each would explain missing messages). */
      disconnects: number;
    }
  | { type: "closed" }
  | { type: "error"; message: string };
