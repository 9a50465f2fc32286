import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { users } from "../../db/schema/users";
import { emptyReactionSummary, type ReactionSummary } from "../reactions/kinds";
import { loadReactionSummaries } from "../reactions/summaries";
import { fromPostJson, selectPostJson } from "./post-json";
import { renderMarkdownCached } from "./rendered-markdown";
import type { PostView } from "./types";

export type Queryable = Database | Transaction;

/** The columns a comment's view is built from; select them with `selectPostRows`. */
export const postRowColumns = {
  id: posts.id,
  threadId: posts.threadId,
  kind: posts.kind,
  authorId: posts.authorId,
  authorName: users.name,
  takeawayId: posts.takeawayId,
  parentId: posts.parentId,
  rootId: posts.rootId,
  depth: posts.depth,
  path: posts.path,
  seq: posts.seq,
  body: posts.body,
  clientId: posts.clientId,
  createdAt: posts.createdAt,
  editedAt: posts.editedAt,
  deletedAt: posts.deletedAt,
  hiddenAt: posts.hiddenAt,
  hiddenReason: posts.hiddenReason,
  featuredAt: posts.featuredAt,
  replyCount: posts.replyCount,
};

export interface PostRow {
  id: string;
  threadId: string;
  kind: "takeaway" | "comment";
  authorId: string;
  authorName: string;
  takeawayId: string | null;
  parentId: string | null;
  rootId: string | null;
  depth: number;
  path: number[];
  seq: number;
  body: string;
  clientId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  featuredAt: Date | null;
  replyCount: number;
}

export function selectPostRows(db: Queryable) {
  return db.select(postRowColumns).from(posts).innerJoin(users, eq(users.id, posts.authorId)).$dynamic();
}

export interface PostViewOptions {
  /**
   * Whose Markdown sources to send: "all" (the default: JSON pages, sockets, catch-up), or only
   * the viewer's own, the comments they may edit. The thread page's snapshot travels twice per
   * request (in the RSC payload and inlined in the HTML for hydration), and nothing on it reads
   * the source of someone else's comment; its rendered HTML is what readers see.
   */
  sources?: "all" | "own";
}

/**
 * A tombstone keeps its place (and its replies) but shows nothing of what was said, nor who
 * said it; a hidden comment shows neither its text nor the moderators' reason, except to its
 * author (`viewerId`), who sees both. Views sent to a whole room never pass a viewer. Reporters
 * and moderators get the reason from lib/moderation/hidden-reasons.ts.
 */
export function toPostView(
  row: PostRow,
  reactions: ReactionSummary = emptyReactionSummary(),
  viewerId: string | null = null,
  { sources = "all" }: PostViewOptions = {},
): PostView {
  const state = row.deletedAt ? "deleted" : row.hiddenAt ? "hidden" : "visible";
  const visible = state === "visible";
  const own = viewerId !== null && row.authorId === viewerId;
  const readable = visible || (state === "hidden" && own);
  return {
    id: row.id,
    threadId: row.threadId,
    takeawayId: row.takeawayId,
    parentId: row.parentId,
    rootId: row.rootId ?? row.id,
    depth: row.depth,
    seq: Number(row.seq),
    author: state === "deleted" ? null : { id: row.authorId, name: row.authorName },
    body: readable && (sources === "all" || own) ? row.body : "",
    html: readable ? renderMarkdownCached(row.body) : "",
    createdAt: row.createdAt.toISOString(),
    editedAt: visible && row.editedAt ? row.editedAt.toISOString() : null,
    state,
    hiddenReason: state === "hidden" && own ? row.hiddenReason : null,
    featured: visible && row.featuredAt !== null,
    replyCount: row.replyCount,
    reactions: visible ? reactions : emptyReactionSummary(),
    clientId: row.clientId,
  };
}

/** Views of rows already read, with their reaction counts in one more query. */
export async function toPostViews(
  db: Queryable,
  rows: PostRow[],
  viewerId: string | null = null,
  options: PostViewOptions = {},
): Promise<PostView[]> {
  const visibleIds = rows.filter((row) => !row.deletedAt && !row.hiddenAt).map((row) => row.id);
  const summaries = await loadReactionSummaries(db, visibleIds);
  return rows.map((row) => toPostView(row, summaries.get(row.id), viewerId, options));
}

export async function loadPostViews(db: Queryable, ids: string[]): Promise<Map<string, PostView>> {
  if (ids.length === 0) return new Map();
  const rows = (await selectPostJson(db).where(inArray(posts.id, ids))).map(fromPostJson);
  const views = await toPostViews(
    db,
    rows.filter((row) => row.kind === "comment"),
  );
  return new Map(views.map((view) => [view.id, view]));
}
