import type { Socket } from "socket.io-client";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ErrorBody } from "../errors";
import type { ClientToServerEvents, ServerToClientEvents, ThreadState } from "../realtime/events";
import type { NoteIdentityView, NoteJoined, NoteLockView } from "../realtime/note-events";
import {
  messageYjsSyncStep1,
  messageYjsSyncStep2,
  messageYjsUpdate,
  readSyncMessage,
  syncMessage,
  toBytes,
} from "./sync-messages";

export type NoteSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface NoteProviderState {
  /**
   * connecting: no socket yet; syncing: joining, exchanging states; synced: live; offline: edits
   * stay local; error: the server refused to open the note (see `error`).
   */
  status: "connecting" | "syncing" | "synced" | "offline" | "error";
  noteId: string | null;
  canEdit: boolean;
  canLock: boolean;
  readOnlyReason: string | null;
  locked: boolean;
  lockReason: string | null;
  self: NoteIdentityView | null;
  /** Changes sent and not yet acknowledged as stored. */
  pending: number;
  /** Local changes made while not joined: the next sync sends them. */
  unsent: boolean;
  error: ErrorBody | null;
}

const ackTimeoutMs = 15_000;
const rejoinDelayMs = 1_000;

/**
 * Binds a Y.Doc (and its awareness) to a thread's note over Agora's Socket.IO connection,
 * with the y-protocols sync exchange: on every (re)connection both sides send a step 1 and
 * answer the other's with a step 2, so edits made offline on either side merge. The same
 * class runs in the browser and in the integration tests.
 */
export class NoteProvider {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  state: NoteProviderState = {
    status: "connecting",
    noteId: null,
    canEdit: false,
    canLock: false,
    readOnlyReason: null,
    locked: false,
    lockReason: null,
    self: null,
    pending: 0,
    unsent: false,
    error: null,
  };
  private joined = false;
  private generation = 0;
  private destroyed = false;
  private rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  /** Local updates waiting for the batch in flight to be acknowledged. */
  private queued: Uint8Array[] = [];
  private inFlight = false;
  /** The thread's lock as last announced (thread:updated), to act on changes only. */
  private threadLocked: boolean | null = null;
  private readonly listeners = new Set<(state: NoteProviderState) => void>();
  /**
   * When each other editor's shared state (their caret) last changed, by awareness client id:
   * who is writing now, as opposed to who merely has the note open (whose state only repeats).
   */
  readonly lastActivity = new Map<number, number>();

  constructor(
    private readonly socket: NoteSocket,
    private readonly threadId: string,
    doc: Y.Doc = new Y.Doc(),
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.awareness.on("change", this.onAwarenessChange);
    socket.on("connect", this.onConnect);
    socket.on("disconnect", this.onDisconnect);
    socket.on("note:update", this.onRemoteUpdate);
    socket.on("note:awareness", this.onRemoteAwareness);
    socket.on("note:locked", this.onLocked);
    socket.on("thread:updated", this.onThreadUpdated);
    if (socket.connected) void this.join();
  }

  subscribe(listener: (state: NoteProviderState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(patch: Partial<NoteProviderState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  /** Joins (again): permissions and the server's state are fetched fresh each time. */
  async join(): Promise<void> {
    if (this.destroyed || !this.socket.connected) return;
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.destroyed;
    this.joined = false;
    this.resetOutbox();
    this.setState({ status: "syncing" });
    try {
      const joined = await this.socket
        .timeout(ackTimeoutMs)
        .emitWithAck("note:join", { threadId: this.threadId });
      if (!current()) return;
      if (!joined.ok) return this.fail(joined.error);
      const data: NoteJoined = joined.data;
      this.joined = true;
      this.setState({
        noteId: data.noteId,
        canEdit: data.canEdit,
        canLock: data.canLock,
        readOnlyReason: data.readOnlyReason,
        locked: data.locked,
        lockReason: data.lockReason,
        self: data.self,
        error: null,
      });
      if (data.awareness)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, toBytes(data.awareness), this);

      const step1 = syncMessage(messageYjsSyncStep1, Y.encodeStateVector(this.doc));
      const answer = await this.socket
        .timeout(ackTimeoutMs)
        .emitWithAck("note:sync", { noteId: data.noteId, message: step1 });
      if (!current()) return;
      if (!answer.ok) return this.fail(answer.error);
      if (answer.data.reply)
        Y.applyUpdate(this.doc, readSyncMessage(toBytes(answer.data.reply)).payload, this);

      if (data.canEdit) {
        const serverVector = readSyncMessage(toBytes(data.syncStep1)).payload;
        const missing = Y.encodeStateAsUpdate(this.doc, serverVector);
        const unsent = this.state.unsent;
        this.setState({ unsent: false });
        const stored = await this.send(syncMessage(messageYjsSyncStep2, missing), "note:sync");
        if (!current()) return;
        if (!stored && unsent) this.setState({ unsent: true });
        // setLocalStateField does nothing while the state is null, which it is until now.
        if (data.self) this.awareness.setLocalState({ ...this.awareness.getLocalState(), user: data.self });
      } else {
        this.awareness.setLocalState(null);
      }
      this.setState({ status: "synced" });
    } catch {
      // A timeout: the connection is in trouble; try again shortly.
      if (current()) this.scheduleRejoin();
    }
  }

  private fail(error: ErrorBody) {
    this.joined = false;
    this.setState({ error, status: this.socket.connected ? "error" : "offline" });
    if (/^(unavailable|internal|rate_limited):/.test(error.code)) this.scheduleRejoin();
  }

  private scheduleRejoin() {
    if (this.rejoinTimer || this.destroyed) return;
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = undefined;
      void this.join();
    }, rejoinDelayMs);
  }

  /** Sends a step 2 or an update; resolves true once the server has stored it. */
  private async send(message: Uint8Array, event: "note:sync" | "note:update"): Promise<boolean> {
    const noteId = this.state.noteId;
    if (!noteId) return false;
    try {
      const ack = await this.socket.timeout(ackTimeoutMs).emitWithAck(event, { noteId, message });
      if (ack.ok) return true;
      this.onRefused(ack.error);
      return false;
    } catch {
      // No answer (a timeout, or the connection dropped): the change is still in the doc and
      // goes with the next sync, on reconnection or, if still connected, a fresh join.
      this.setState({ unsent: true });
      if (this.socket.connected) this.scheduleRejoin();
      return false;
    }
  }

  /**
   * Sends local changes one batch at a time: what is typed while a batch awaits its ack is
   * merged into the next one, so a fast typist never queues more than one write on the server.
   */
  private async flush(): Promise<void> {
    if (this.inFlight || this.queued.length === 0) return;
    const generation = this.generation;
    const batch = this.queued.length === 1 ? this.queued[0]! : Y.mergeUpdates(this.queued);
    this.queued = [];
    this.inFlight = true;
    this.updatePending();
    try {
      await this.send(syncMessage(messageYjsUpdate, batch), "note:update");
    } finally {
      // After a disconnection the next sync carries everything: this batch is no longer ours to track.
      if (generation === this.generation) {
        this.inFlight = false;
        this.updatePending();
        void this.flush();
      }
    }
  }

  /** Forgets batches not yet acknowledged: the next join's step 2 carries them (and anything else missing). */
  private resetOutbox() {
    const lost = this.queued.length > 0 || this.inFlight;
    this.queued = [];
    this.inFlight = false;
    this.setState({ pending: 0, unsent: this.state.unsent || lost });
  }

  private updatePending() {
    const pending = this.queued.length + (this.inFlight ? 1 : 0);
    if (pending !== this.state.pending) this.setState({ pending });
  }

  private onRefused(error: ErrorBody) {
    this.setState({ error, unsent: true });
    // A lock or a suspension changed our rights, or the server lost the write: join again for
    // fresh rights and a full exchange. A too-large change would only be refused again.
    if (!error.code.startsWith("payload_too_large")) this.scheduleRejoin();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this) return;
    if (!this.joined || !this.state.canEdit || !this.socket.connected) {
      this.setState({ unsent: true });
      return;
    }
    this.queued.push(update);
    this.updatePending();
    void this.flush();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (
      origin === this ||
      !this.joined ||
      !this.state.canEdit ||
      !this.state.noteId ||
      !this.socket.connected
    )
      return;
    const changed = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
    if (changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    this.socket.emit("note:awareness", { noteId: this.state.noteId, update }, () => {});
  };

  private readonly onAwarenessChange = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }) => {
    const now = Date.now();
    for (const id of [...added, ...updated]) if (id !== this.doc.clientID) this.lastActivity.set(id, now);
    for (const id of removed) this.lastActivity.delete(id);
  };

  private readonly onRemoteUpdate = (payload: { noteId: string; message: Uint8Array | ArrayBuffer }) => {
    if (payload.noteId !== this.state.noteId) return;
    const { type, payload: update } = readSyncMessage(toBytes(payload.message));
    if (type === messageYjsUpdate || type === messageYjsSyncStep2) {
      Y.applyUpdate(this.doc, update, this);
    }
  };

  private readonly onRemoteAwareness = (payload: { noteId: string; update: Uint8Array | ArrayBuffer }) => {
    if (payload.noteId !== this.state.noteId) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, toBytes(payload.update), this);
  };

  private readonly onLocked = (payload: NoteLockView) => {
    if (payload.noteId !== this.state.noteId) return;
    // Read-only at once, not after the join's round trips: what is typed meanwhile would be
    // refused, and the editor must not take it as if it could be saved.
    if (payload.locked) {
      this.setState({
        canEdit: false,
        locked: true,
        lockReason: payload.reason,
        readOnlyReason: "Cette synthèse est verrouillée.",
      });
    }
    void this.join();
  };

  private readonly onThreadUpdated = (thread: ThreadState) => {
    if (thread.threadId !== this.threadId || thread.locked === this.threadLocked) return;
    this.threadLocked = thread.locked;
    // Moderators (those who may lock) keep writing in a locked thread; the join confirms it.
    if (thread.locked && !this.state.canLock && this.state.canEdit) {
      this.setState({ canEdit: false, readOnlyReason: "Cette discussion est verrouillée." });
    }
    if (this.state.noteId) void this.join();
  };

  private readonly onConnect = () => void this.join();

  private readonly onDisconnect = () => {
    this.generation += 1;
    this.joined = false;
    this.resetOutbox();
    this.setState({ status: "offline" });
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
  };

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.rejoinTimer);
    if (this.joined && this.state.noteId && this.socket.connected) {
      this.socket.emit("note:leave", { noteId: this.state.noteId }, () => {});
    }
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.awareness.off("change", this.onAwarenessChange);
    this.socket.off("connect", this.onConnect);
    this.socket.off("disconnect", this.onDisconnect);
    this.socket.off("note:update", this.onRemoteUpdate);
    this.socket.off("note:awareness", this.onRemoteAwareness);
    this.socket.off("note:locked", this.onLocked);
    this.socket.off("thread:updated", this.onThreadUpdated);
    this.awareness.destroy();
    this.listeners.clear();
  }
}
