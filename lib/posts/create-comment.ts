import type { Database } from "../../db/client";
import type { Actor } from "../auth/authorization";
import { AppError } from "../errors";
import { assertActorCan } from "./access";
import {
  ClientIdTaken,
  stale,
  writeCommentBatch,
  type CommentRequest,
  type CommentResult,
} from "./comment-batch";
import type { Admit } from "./comment-batch";
import { createGroupCommit, type GroupCommit, type Outcome } from "./group-commit";
import type { CreateCommentInput } from "./schemas";

export type { CommentResult } from "./comment-batch";

export interface CreateCommentOptions {
  /**
   * Runs before a new comment is written (never for a retry of one already stored), e.g. a
   * rate limit: a member whose retry arrives after a burst still gets their comment back.
   */
  admit?: Admit;
}

/** Who the session says is writing; null is a guest. Only the id is trusted (see createComment). */
export type CommentAuthor = Pick<Actor, "id"> | null;

// A batch is first written optimistically (one read, one conditional write, no transaction);
// when the thread keeps changing under it, it takes the thread's lock like other writers.
const optimisticAttempts = 2;
// Attempts of a batch that keeps losing inserts to concurrent retries before giving up.
const maxAttempts = 4;

async function commitComments(
  db: Database,
  threadId: string,
  requests: CommentRequest[],
): Promise<Outcome<CommentResult>[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcomes =
        attempt <= optimisticAttempts
          ? await writeCommentBatch(db, threadId, requests)
          : await db.transaction((tx) => writeCommentBatch(tx, threadId, requests, { locked: true }));
      if (outcomes !== stale) return outcomes;
    } catch (error) {
      if (error instanceof ClientIdTaken && attempt < maxAttempts) continue;
      if (requests.length > 1) {
        // Something failed the whole batch: each write alone tells whose it was, and the
        // others still go through.
        const outcomes: Outcome<CommentResult>[] = [];
        for (const request of requests) outcomes.push(...(await commitComments(db, threadId, [request])));
        return outcomes;
      }
      const failure =
        error instanceof ClientIdTaken
          ? new AppError("internal:client_id", "Le commentaire n’a pas pu être enregistré.", { cause: error })
          : error;
      return [{ ok: false, error: failure }];
    }
  }
}

// One group commit per database (the process's, or a test's), batching per thread.
const groupCommits = new WeakMap<Database, GroupCommit<CommentRequest, CommentResult>>();

function groupCommitFor(db: Database): GroupCommit<CommentRequest, CommentResult> {
  let groupCommit = groupCommits.get(db);
  if (!groupCommit) {
    groupCommit = createGroupCommit((threadId, requests) => commitComments(db, threadId, requests));
    groupCommits.set(db, groupCommit);
  }
  return groupCommit;
}

/**
 * Writes a comment on the thread, on a takeaway, or in reply to a comment. Idempotent on the
 * author's client id: a retry (after a timeout, a reconnect, a reload) returns the comment
 * the first attempt created, never a second one. Resolves only after the commit, so an
 * acknowledgement always means the comment is stored.
 *
 * The author is reloaded, and authorized, with the batch that writes the comment: a
 * suspension or a role change applies to every comment not yet written. Comments to one
 * thread that arrive together are committed together (lib/posts/group-commit.ts), each still
 * accepted or refused on its own.
 */
export async function createComment(
  db: Database,
  author: CommentAuthor,
  input: CreateCommentInput,
  options: CreateCommentOptions = {},
): Promise<CommentResult> {
  // Guests are refused without a round trip.
  const authorId = author?.id ?? assertActorCan(null, "post:create").id;
  if (input.authorId !== undefined && input.authorId !== authorId) {
    throw new AppError(
      "forbidden:other_author",
      "Ce commentaire a été écrit par un autre membre sur ce navigateur\u202f: il n’est pas publié sous votre nom.",
    );
  }
  return groupCommitFor(db).submit(input.threadId, { authorId, input, admit: options.admit });
}
