import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { emptyReactionSummary } from "../reactions/kinds";
import { loadMyReactions, loadReactionSummaries } from "../reactions/summaries";
import { decodeSeqCursor, encodeSeqCursor } from "./cursor";
import {
  selectAncestors,
  selectConversationReplies,
  selectDescendants,
  selectFirstTopLevel,
  selectPost,
  selectTopLevel,
} from "./discussion-queries";
import {
  commentsPerPage,
  repliesPerBranchPage,
  repliesPerConversation,
  takeawayPreviewComments,
  takeawayPreviewReplies,
  visibleReplyDepth,
} from "./limits";
import { toPostViews, type PostRow, type Queryable } from "./post-views";
import type { BranchPageInput, DiscussionPageInput } from "./schemas";
import {
  discussionKeyOf,
  type BranchSnapshot,
  type DiscussionPage,
  type FocusSnapshot,
  type ThreadDiscussionSnapshot,
} from "./types";

/** Keeps `limit` rows; the extra one read says whether there is more. */
function cut(rows: PostRow[], limit: number): { rows: PostRow[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeSeqCursor(last.seq) : null };
}

async function withReplies(tx: Transaction, roots: PostRow[], perConversation: number): Promise<PostRow[]> {
  const replies = await selectConversationReplies(
    tx,
    roots.map((root) => root.id),
    visibleReplyDepth,
    perConversation,
  );
  return [...roots, ...replies];
}

const snapshotOptions = { isolationLevel: "repeatable read", accessMode: "read only" } as const;
const pageViews = { sources: "own" } as const;

/** "Load more" on one discussion: the next top-level comments after the cursor, with their replies. */
export async function listDiscussion(
  db: Database,
  viewerId: string | null,
  input: DiscussionPageInput,
): Promise<DiscussionPage> {
  const afterSeq = decodeSeqCursor(input.after);
  return db.transaction(async (tx) => {
    const { rows: roots, nextCursor } = cut(
      await selectTopLevel(tx, input.threadId, input.takeawayId, afterSeq, commentsPerPage + 1),
      commentsPerPage,
    );
    const rows = await withReplies(tx, roots, repliesPerConversation);
    const comments = await toPostViews(tx, rows, viewerId);
    const mine = await loadMyReactions(
      tx,
      viewerId,
      comments.map((comment) => comment.id),
    );
    return { comments, mine, nextCursor };
  }, snapshotOptions);
}

interface FocusRows {
  postId: string;
  discussion: string;
  inline: boolean;
  /** Inline: the ancestors, the comment and its replies, merged into the discussion's tree. */
  inlineRows: PostRow[];
  /** Apart: what the comment answers, then the comment and its replies. */
  parent: PostRow | null;
  apart: PostRow[];
}

/**
 * The comment a link points at. When its conversation is on the first screen and it is no
 * deeper than the tree shows, it is loaded into that tree (with the way down to it);
 * otherwise it is shown apart, above its discussion, with what it answers as context.
 */
async function loadFocus(
  db: Queryable,
  threadId: string,
  focusId: string,
  firstRoots: Map<string, PostRow[]>,
): Promise<FocusRows | null> {
  const target = await selectPost(db, focusId);
  if (!target || target.threadId !== threadId || target.kind !== "comment") return null;
  const discussion = discussionKeyOf(target.takeawayId);
  const rootShown =
    firstRoots.get(discussion)?.some((root) => root.id === (target.rootId ?? target.id)) ?? false;
  const inline = rootShown && target.depth <= visibleReplyDepth;
  const maxDepth = inline ? visibleReplyDepth : target.depth + visibleReplyDepth;
  const descendants = await selectDescendants(db, target, maxDepth, 0, repliesPerBranchPage);
  const base = { postId: target.id, discussion, inline };
  if (inline) {
    const ancestors = await selectAncestors(db, target);
    return { ...base, inlineRows: [...ancestors, target, ...descendants], parent: null, apart: [] };
  }
  const parent = target.parentId ? ((await selectPost(db, target.parentId)) ?? null) : null;
  return { ...base, inlineRows: [], parent, apart: [target, ...descendants] };
}

/**
 * The thread page's discussions: a preview of each takeaway's (its first conversations), the
 * first page of the thread's own discussion, counts and stance balances, the viewer's
 * reactions, and the comment a link points at. Read in one repeatable-read snapshot, so
 * `lastSeq` is exactly the state shown and live changes after it apply once.
 */
export async function loadThreadDiscussion(
  db: Database,
  viewerId: string | null,
  threadId: string,
  takeawayIds: string[],
  focusId?: string | null,
): Promise<ThreadDiscussionSnapshot> {
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .select({ lastSeq: threads.lastSeq, total: threads.commentCount, general: threads.generalCommentCount })
      .from(threads)
      .where(eq(threads.id, threadId))
      .limit(1);
    if (!thread) throw new AppError("not_found:thread", "Cette discussion n’existe pas ou plus.");
    const counts = takeawayIds.length
      ? await tx
          .select({ id: posts.id, count: posts.commentCount })
          .from(posts)
          .where(inArray(posts.id, takeawayIds))
      : [];

    const firstRoots = new Map<string, PostRow[]>();
    const cursors = new Map<string, string | null>();
    const general = discussionKeyOf(null);
    // The thread's own discussion is open on the page; each takeaway's is folded: a preview.
    const pages = await selectFirstTopLevel(tx, threadId, takeawayIds, takeawayPreviewComments + 1);
    pages.set(general, await selectTopLevel(tx, threadId, null, 0, commentsPerPage + 1));
    for (const [key, rows] of pages) {
      const { rows: roots, nextCursor } = cut(
        rows,
        key === general ? commentsPerPage : takeawayPreviewComments,
      );
      firstRoots.set(key, roots);
      cursors.set(key, nextCursor);
    }
    const previewRoots = [...firstRoots].flatMap(([key, roots]) => (key === general ? [] : roots));
    const shown = [
      ...(await withReplies(tx, firstRoots.get(general) ?? [], repliesPerConversation)),
      ...(await withReplies(tx, previewRoots, takeawayPreviewReplies)),
    ];
    const focused = focusId ? await loadFocus(tx, threadId, focusId, firstRoots) : null;
    const known = new Set(shown.map((row) => row.id));
    const rows = [...shown, ...(focused?.inlineRows ?? []).filter((row) => !known.has(row.id))];

    // The page edits only its reader's comments: the others' Markdown sources stay here.
    const views = await toPostViews(tx, rows, viewerId, pageViews);
    const apart = await toPostViews(tx, focused?.apart ?? [], viewerId, pageViews);
    const [parent] = focused?.parent ? await toPostViews(tx, [focused.parent], viewerId, pageViews) : [];
    const takeawayReactions = await loadReactionSummaries(tx, takeawayIds);
    const mine = await loadMyReactions(tx, viewerId, [
      ...takeawayIds,
      ...views.map((view) => view.id),
      ...apart.map((view) => view.id),
      ...(parent ? [parent.id] : []),
    ]);

    const countOf = new Map(counts.map((row) => [row.id, row.count]));
    const discussions: ThreadDiscussionSnapshot["discussions"] = {};
    for (const key of pages.keys()) {
      discussions[key] = {
        count: key === discussionKeyOf(null) ? thread.general : (countOf.get(key) ?? 0),
        comments: [],
        nextCursor: cursors.get(key) ?? null,
      };
    }
    for (const view of views.sort((a, b) => a.seq - b.seq)) {
      discussions[discussionKeyOf(view.takeawayId)]?.comments.push(view);
    }
    const focus: FocusSnapshot | null = focused
      ? {
          postId: focused.postId,
          discussion: focused.discussion,
          inline: focused.inline,
          parent: parent ?? null,
          comments: apart,
        }
      : null;
    return {
      threadId,
      lastSeq: Number(thread.lastSeq),
      total: thread.total,
      discussions,
      takeawayReactions: Object.fromEntries(
        takeawayIds.map((id) => [id, takeawayReactions.get(id) ?? emptyReactionSummary()]),
      ),
      mine,
      focus,
    };
  }, snapshotOptions);
}

/**
 * "Continuer cette conversation": a comment with the comments it answers (context), and its
 * replies five levels down by seq, paginated by keyset.
 */
export async function listBranch(
  db: Database,
  viewerId: string | null,
  input: BranchPageInput,
): Promise<BranchSnapshot> {
  const afterSeq = decodeSeqCursor(input.after);
  return db.transaction(async (tx) => {
    const target = await selectPost(tx, input.postId);
    if (!target || target.kind !== "comment") {
      throw new AppError("not_found:post", "Ce commentaire n’existe pas ou plus.");
    }
    const [thread] = await tx
      .select({ lastSeq: threads.lastSeq })
      .from(threads)
      .where(eq(threads.id, target.threadId))
      .limit(1);
    const { rows: descendants, nextCursor } = cut(
      await selectDescendants(
        tx,
        target,
        target.depth + visibleReplyDepth,
        afterSeq,
        repliesPerBranchPage + 1,
      ),
      repliesPerBranchPage,
    );
    const ancestors = afterSeq ? [] : await selectAncestors(tx, target);
    const [focus, ...rest] = await toPostViews(tx, [target, ...ancestors, ...descendants], viewerId);
    const ancestorViews = rest.slice(0, ancestors.length);
    const comments = rest.slice(ancestors.length);
    const mine = await loadMyReactions(tx, viewerId, [focus!.id, ...rest.map((view) => view.id)]);
    return {
      threadId: target.threadId,
      lastSeq: Number(thread?.lastSeq ?? 0),
      discussion: discussionKeyOf(target.takeawayId),
      ancestors: ancestorViews,
      focus: focus!,
      comments,
      nextCursor,
      mine,
    };
  }, snapshotOptions);
}
