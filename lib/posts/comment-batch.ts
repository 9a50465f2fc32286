import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import type { Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { assertActorCan } from "./access";
import type { Outcome } from "./group-commit";
import { maxReplyDepth } from "./limits";
import { selectPostRows, toPostView, toPostViews } from "./post-views";
import {
  readBatchState,
  writeBatch,
  type NewComment,
  type StoredKey,
  type Target,
  type ThreadVersion,
} from "./comment-batch-sql";
import type { CreateCommentInput } from "./schemas";
import type { PostChange, PostView } from "./types";

/** A write's outcome: the comment as it now is, and the change to broadcast (null: nothing changed). */
export interface CommentResult {
  post: PostView;
  change: PostChange | null;
}

export interface CommentRequest {
  /** Who the session says wrote it; the member is reloaded with the batch that writes it. */
  authorId: string;
  input: CreateCommentInput;
  /** Runs once before a new comment is written (never for a retry of one already stored). */
  admit?: Admit;
  /** Set once `admit` ran, so a batch committed again does not charge the author twice. */
  admitted?: boolean;
}

/**
 * A rate limit's say on a new comment: `recentComments` counts what the author stored lately
 * (on every instance, across restarts) plus what this batch already accepted from them.
 */
export type Admit = (author: Actor, history: { recentComments: number }) => void;

/**
 * Thrown when an insert lost to a concurrent write of the same client id (another instance's
 * retry): the statement rolled back whole, seqs included, and the next attempt finds the winner.
 */
export class ClientIdTaken extends Error {}

/** The thread changed between the batch's read and its write: decide it again. */
export const stale = Symbol("stale");

type Queryable = Database | Transaction;

interface Placement {
  takeawayId: string | null;
  parentId: string | null;
  rootId: string | null;
  depth: number;
  path: number[];
}

const requestKey = (authorId: string, clientId: string) => `${authorId}\n${clientId}`;

/** A retry must be the same message: same thread and same place in it. */
function assertSamePlace(
  stored: Pick<StoredKey, "threadId" | "parentId" | "takeawayId">,
  input: CreateCommentInput,
) {
  const samePlace = input.parentId
    ? stored.parentId === input.parentId
    : stored.parentId === null && stored.takeawayId === (input.takeawayId ?? null);
  if (stored.threadId !== input.threadId || !samePlace) {
    throw new AppError(
      "conflict:client_id",
      "Cet identifiant de message a déjà servi pour un autre commentaire.",
    );
  }
}

/** The comments replied to and the takeaways discussed (a reply's parent decides its takeaway). */
function targetIdsOf(requests: CommentRequest[]): string[] {
  const ids = new Set<string>();
  for (const { input } of requests) {
    const target = input.parentId ?? input.takeawayId;
    if (target) ids.add(target);
  }
  return [...ids];
}

/** Where a comment goes in the thread, or why it cannot go there. */
function placementOf(input: CreateCommentInput, targets: Map<string, Target>): Placement | AppError {
  if (input.parentId) {
    const parent = targets.get(input.parentId);
    if (!parent || parent.kind !== "comment") {
      return new AppError("not_found:post", "Le commentaire auquel vous répondez n’existe pas ou plus.");
    }
    if (parent.deleted) {
      return new AppError(
        "conflict:deleted",
        "Ce commentaire a été supprimé\u202f: on ne peut plus y répondre.",
      );
    }
    if (parent.depth + 1 > maxReplyDepth) {
      return new AppError(
        "bad_request:depth",
        "Cette conversation est trop profonde\u202f: répondez plus haut dans le fil.",
      );
    }
    return {
      takeawayId: parent.takeawayId,
      parentId: parent.id,
      rootId: parent.rootId,
      depth: parent.depth + 1,
      path: parent.path.map(Number),
    };
  }
  if (input.takeawayId) {
    const takeaway = targets.get(input.takeawayId);
    if (!takeaway || takeaway.kind !== "takeaway") {
      return new AppError("not_found:takeaway", "Ce point clé n’existe pas dans cette discussion.");
    }
    // Each takeaway block has one discussion; its sub-points are discussed there.
    if (takeaway.parentId) {
      return new AppError("bad_request:sub_point", "Les sous-points se discutent avec leur point clé.");
    }
  }
  return { takeawayId: input.takeawayId ?? null, parentId: null, rootId: null, depth: 0, path: [] };
}

function countBy(keys: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

interface Accepted {
  index: number;
  author: Actor;
  input: CreateCommentInput;
  placement: Placement;
}

/** The accepted comments with consecutive seqs after the thread's, written; null when stale. */
async function writeAccepted(
  db: Queryable,
  threadId: string,
  thread: ThreadVersion,
  accepted: Accepted[],
): Promise<CommentResult[] | null> {
  const comments = accepted.map(({ author, input, placement }, offset): NewComment => {
    const id = crypto.randomUUID();
    const seq = thread.lastSeq + 1 + offset;
    return {
      id,
      authorId: author.id,
      takeawayId: placement.takeawayId,
      parentId: placement.parentId,
      rootId: placement.rootId ?? id,
      depth: placement.depth,
      path: [...placement.path, seq],
      body: input.body,
      clientId: input.clientId,
      seq,
    };
  });
  const perTakeaway = countBy(comments.map((comment) => comment.takeawayId));
  const written = await writeBatch(
    db,
    threadId,
    thread,
    comments,
    countBy(comments.map((comment) => comment.parentId)),
    perTakeaway,
  ).catch((error: unknown) => {
    throw isForeignKeyError(error)
      ? new ClientIdTaken("a client id was taken meanwhile", { cause: error })
      : error;
  });
  if (!written) return null;

  // Each change carries the counts as they stood right after its own comment.
  const countSoFar = new Map<string | null, number>([[null, thread.general]]);
  for (const [id, count] of written.takeawayCounts) countSoFar.set(id, count - (perTakeaway.get(id) ?? 0));
  return comments.map((comment, offset): CommentResult => {
    const discussion = (countSoFar.get(comment.takeawayId) ?? 0) + 1;
    countSoFar.set(comment.takeawayId, discussion);
    const post = toPostView({
      ...comment,
      threadId,
      kind: "comment",
      authorName: accepted[offset]!.author.name,
      createdAt: written.createdAt.get(comment.id)!,
      editedAt: null,
      deletedAt: null,
      hiddenAt: null,
      hiddenReason: null,
      featuredAt: null,
      replyCount: 0,
    });
    return {
      post,
      change: {
        seq: comment.seq,
        type: "post:created",
        post,
        counts: { total: thread.total + offset + 1, discussion },
      },
    };
  });
}

function isForeignKeyError(error: unknown): boolean {
  const codeOf = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return codeOf(error) === "23503" || codeOf((error as { cause?: unknown } | null)?.cause) === "23503";
}

/**
 * Decides and writes a batch of comments to one thread, each accepted or refused on its own:
 * one statement reads what deciding needs, one writes. The write goes through only if the
 * thread is still at the version read (every change to a discussion takes the thread's next
 * seq), so what was checked is what is written on; otherwise the batch is `stale` and must be
 * decided again. With `locked`, in a transaction, the thread's row lock is taken first, as
 * every write to a discussion does, and the batch cannot be stale. A request whose client id
 * is already stored is a retry: it gets the stored comment back and writes nothing.
 */
export async function writeCommentBatch(
  db: Queryable,
  threadId: string,
  requests: CommentRequest[],
  { locked = false }: { locked?: boolean } = {},
): Promise<Outcome<CommentResult>[] | typeof stale> {
  const keys = requests.map((request) => ({ authorId: request.authorId, clientId: request.input.clientId }));
  // Sent together, pipelined on the transaction's connection, run in the order called.
  const [, state] = await Promise.all([
    locked ? lockThread(db, threadId) : null,
    readBatchState(db, threadId, keys, targetIdsOf(requests)),
  ]);
  const { thread } = state;
  if (!thread) {
    const error = new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
    return requests.map(() => ({ ok: false, error }));
  }
  const authors = new Map(state.authors.map((author) => [author.id, author]));
  const stored = new Map(state.stored.map((key) => [requestKey(key.authorId, key.clientId), key]));
  const targets = new Map(state.targets.map((target) => [target.id, target]));

  const outcomes: Outcome<CommentResult>[] = [];
  const retries: { index: number; id: string }[] = [];
  const echoes: { index: number; of: number }[] = [];
  const accepted: Accepted[] = [];
  const firstWith = new Map<string, number>();
  const recentComments = new Map(state.recentComments);
  requests.forEach((request, index) => {
    const { input } = request;
    try {
      const author = assertActorCan(authors.get(request.authorId) ?? null, "post:create");
      const key = requestKey(author.id, input.clientId);
      const existing = stored.get(key);
      if (existing) {
        assertSamePlace(existing, input);
        retries.push({ index, id: existing.id });
        return;
      }
      const first = firstWith.get(key);
      if (first !== undefined) {
        // The same message twice in one batch (a retry racing its original): written once.
        const original = requests[first]!.input;
        assertSamePlace(
          { threadId, parentId: original.parentId ?? null, takeawayId: original.takeawayId ?? null },
          input,
        );
        echoes.push({ index, of: first });
        return;
      }
      if (!request.admitted) {
        request.admit?.(author, { recentComments: recentComments.get(author.id) ?? 0 });
        request.admitted = true;
      }
      assertActorCan(author, "post:create", { threadLocked: thread.locked });
      const placement = placementOf(input, targets);
      if (placement instanceof AppError) throw placement;
      firstWith.set(key, index);
      recentComments.set(author.id, (recentComments.get(author.id) ?? 0) + 1);
      accepted.push({ index, author, input, placement });
    } catch (error) {
      outcomes[index] = { ok: false, error };
    }
  });

  if (accepted.length) {
    const results = await writeAccepted(db, threadId, thread, accepted);
    if (!results) return stale;
    accepted.forEach((entry, position) => (outcomes[entry.index] = { ok: true, value: results[position]! }));
  }
  if (retries.length) {
    const rows = await selectPostRows(db).where(
      inArray(
        posts.id,
        retries.map((retry) => retry.id),
      ),
    );
    const views = new Map((await toPostViews(db, rows)).map((view) => [view.id, view]));
    for (const retry of retries) {
      const post = views.get(retry.id);
      outcomes[retry.index] = post
        ? { ok: true, value: { post, change: null } }
        : { ok: false, error: new AppError("not_found:post", "Ce commentaire n’existe pas ou plus.") };
    }
  }
  for (const echo of echoes) {
    const original = outcomes[echo.of]!;
    outcomes[echo.index] = original.ok
      ? { ok: true, value: { post: original.value.post, change: null } }
      : original;
  }
  return outcomes;
}

/** The thread's row lock, which every write to its discussion takes first (see takeNextSeq). */
async function lockThread(tx: Queryable, threadId: string) {
  await tx.select({ id: threads.id }).from(threads).where(eq(threads.id, threadId)).for("update");
}
