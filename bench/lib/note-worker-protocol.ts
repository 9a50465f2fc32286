/** Messages between the notes benchmark and its editor workers (bench/note-worker.ts). */
export type NoteWorkerCommand =
  | {
      type: "open";
      url: string;
      /** agora: NoteProvider over Agora's note events; bare: the bare relay's (bench/lib/bare-note-server.ts). */
      server: "agora" | "bare";
      /** One socket and one Y.Doc per entry. */
      editors: { userId: string; threadId: string }[];
    }
  | {
      type: "type";
      /** Edits per second and per editor, each editor on its own phase so they interleave. */
      ratePerSecond: number;
      durationMs: number;
      /** Wall-clock time of the first edit, the same for every worker. */
      startAt: number;
      /** This worker's editors are these of the whole group (for their phases). */
      firstIndex: number;
      totalEditors: number;
      seed: number;
    }
  | {
      type: "settle";
      /** Every editor's final clock: wait until each doc has all of them (or time out). */
      expected: Record<string, number>;
      timeoutMs: number;
    }
  | { type: "close" };

/** One local edit: its author's Yjs client id, the clock just after it, and when it was made. */
export interface EditRecord {
  clientId: number;
  clock: number;
  at: number;
}

export interface EditorReport {
  clientId: number;
  /** Per other client id: [clock, time] each time this doc's state of that client advanced. */
  advances: Record<string, [number, number][]>;
  /** The document's whole XML tree, to check that every editor converged. */
  content: string;
  /** Agora: synced with nothing pending; bare: connected. */
  settled: boolean;
  disconnects: number;
}

export type NoteWorkerReply =
  | { type: "ready"; clientIds: number[] }
  | { type: "typed"; edits: EditRecord[] }
  | { type: "settled"; editors: EditorReport[] }
  | { type: "closed" }
  | { type: "error"; message: string };
