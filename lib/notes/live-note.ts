import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";

/**
 * One note's live Y.Doc on this instance, with what the registry tracks about it. The doc
 * holds every update up to `appliedSeq` (and maybe some later ones); mutations go through
 * `run`, one at a time, so an update is applied, stored and broadcast before the next starts.
 */
export class LiveNote {
  doc: Y.Doc;
  /** Presence of the note's editors. Its own doc: reloading the note must not drop it. */
  readonly awareness: Awareness;
  /** Which socket controls each awareness client id, so no socket can speak for another. */
  readonly awarenessOwners = new Map<number, string>();
  /**
   * Encoded state size, as an estimate that errs high: the bytes the doc was loaded from (exact
   * for a compacted note), grown by each update since. Limits recompute it (`exactSize`) when
   * the estimate comes near them.
   */
  size: number;
  appliedSeq: number;
  /** Seqs above `appliedSeq` already in the doc: a non-empty set means one in between is missing. */
  private readonly knownAbove = new Set<number>();
  refs = 0;
  /** Members whose stored edits no version includes yet. */
  readonly authorsSinceVersion = new Set<string>();
  dirtySinceVersion = false;
  lastVersionAt: Date;
  private tail: Promise<unknown> = Promise.resolve();
  /** Items queued for the drain `gather` scheduled and that has not started yet. */
  private gathering: unknown[] | null = null;

  constructor(
    readonly noteId: string,
    loaded: { doc: Y.Doc; appliedSeq: number; lastVersionAt: Date; loadedBytes?: number },
  ) {
    this.doc = loaded.doc;
    this.appliedSeq = loaded.appliedSeq;
    this.lastVersionAt = loaded.lastVersionAt;
    // Encoding the whole doc again would cost a first join as much as a tenth of its load.
    this.size = loaded.loadedBytes ?? Y.encodeStateAsUpdate(this.doc).byteLength;
    this.awareness = new Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
  }

  /** Runs tasks one after the other; a failed task does not stop the next. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }

  /**
   * Queues `item` for a `drain` run inside `run` with every item queued until it starts: what
   * arrives while the note is busy is handled in one go. Every caller must pass the same kind
   * of drain, which must not throw.
   */
  gather<T>(item: T, drain: (items: T[]) => Promise<void>): void {
    if (this.gathering) {
      this.gathering.push(item);
      return;
    }
    const items = [item];
    this.gathering = items;
    void this.run(() => {
      this.gathering = null;
      return drain(items);
    });
  }

  /** Applies an update and returns exactly what it changed, or null when it changed nothing. */
  apply(update: Uint8Array, origin: unknown): Uint8Array | null {
    return this.capture(origin, () => Y.applyUpdate(this.doc, update, origin));
  }

  /** Runs `edit` in one transaction of the live doc and returns the update it produced. */
  transact(edit: (doc: Y.Doc) => void, origin: unknown): Uint8Array | null {
    return this.capture(origin, () => this.doc.transact(() => edit(this.doc), origin));
  }

  private capture(origin: unknown, change: () => void): Uint8Array | null {
    const changes: Uint8Array[] = [];
    const listener = (update: Uint8Array, updateOrigin: unknown) => {
      if (updateOrigin === origin) changes.push(update);
    };
    this.doc.on("update", listener);
    try {
      change();
    } finally {
      this.doc.off("update", listener);
    }
    if (changes.length === 0) return null;
    return changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
  }

  /** Parts of updates that wait for structs the doc has not seen (Yjs keeps them aside). */
  hasPendingStructs(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  exactSize(): number {
    this.size = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.size;
  }

  /** Records that the doc holds update `seq`; false when it already did. */
  markKnown(seq: number): boolean {
    if (seq <= this.appliedSeq || this.knownAbove.has(seq)) return false;
    this.knownAbove.add(seq);
    while (this.knownAbove.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
    return true;
  }

  /** After applying everything up to `seq` from the database. */
  markCaughtUp(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.appliedSeq = seq;
    for (const known of this.knownAbove) if (known <= seq) this.knownAbove.delete(known);
    while (this.knownAbove.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
  }

  hasGap(): boolean {
    return this.knownAbove.size > 0;
  }

  /** Swaps in a document reloaded from the database (after a failed write). */
  replaceDoc(loaded: { doc: Y.Doc; appliedSeq: number }): void {
    this.doc.destroy();
    this.doc = loaded.doc;
    this.appliedSeq = loaded.appliedSeq;
    this.knownAbove.clear();
    this.exactSize();
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
