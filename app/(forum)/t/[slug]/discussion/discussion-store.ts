import type { OutboxItem } from "@/lib/realtime/outbox";
import type {
  BranchSnapshot,
  DiscussionKey,
  DiscussionPage,
  PostView,
  ThreadChange,
  ThreadDiscussionSnapshot,
} from "@/lib/posts/types";
import { discussionKeyOf } from "@/lib/posts/types";
import { noReactions, type MyReactions, type ReactionSummary } from "@/lib/reactions/kinds";

/**
 * The browser's copy of a thread's discussions, normalised: posts by id, the replies of each
 * post in seq order, and for each discussion the top-level comments shown. A pure reducer,
 * so server render and browser start from the same state and every change is testable.
 */
export interface DiscussionListState {
  count: number;
  rootIds: string[];
  nextCursor: string | null;
  /** Top-level comments up to this seq came from pages; later ones arrived live (shown after "voir plus"). */
  pagedUpTo: number;
}

export interface FocusState {
  postId: string;
  discussion: DiscussionKey;
  inline: boolean;
  parent: PostView | null;
}

export interface DiscussionState {
  threadId: string;
  total: number;
  posts: Record<string, PostView>;
  children: Record<string, string[]>;
  discussions: Record<DiscussionKey, DiscussionListState>;
  takeawayReactions: Record<string, ReactionSummary>;
  mine: Record<string, MyReactions>;
  /** Comments waiting for the server (optimistic copies), from the outbox. */
  pending: OutboxItem[];
  /** Comments this tab sent and the server confirmed, to mark them "publié". */
  confirmed: Record<string, true>;
  /** Comments that arrived live, for a discreet highlight. */
  fresh: Record<string, true>;
  focus: FocusState | null;
  /** For a branch page: the comment the page is about, and where its "voir plus" resumes. */
  branchRootId: string | null;
  branchNextCursor: string | null;
}

export type DiscussionAction =
  | { type: "change"; change: ThreadChange; viewerId: string | null }
  | { type: "page"; discussion: DiscussionKey; page: DiscussionPage }
  | { type: "branch-page"; page: Pick<BranchSnapshot, "comments" | "mine" | "nextCursor"> }
  | { type: "own-post"; post: PostView }
  | { type: "reactions"; postId: string; reactions: ReactionSummary; mine: MyReactions; isTakeaway: boolean }
  | { type: "pending"; items: OutboxItem[] }
  | { type: "seen"; postId: string };

const bySeq = (posts: Record<string, PostView>) => (a: string, b: string) =>
  (posts[a]?.seq ?? 0) - (posts[b]?.seq ?? 0);

function insertSorted(ids: string[], id: string, posts: Record<string, PostView>): string[] {
  if (ids.includes(id)) return ids;
  return [...ids, id].sort(bySeq(posts));
}

/** Adds or replaces posts; new replies join their parent's list. Returns the ids that were new. */
function upsertPosts(
  state: DiscussionState,
  incoming: PostView[],
): { state: DiscussionState; added: string[] } {
  if (incoming.length === 0) return { state, added: [] };
  const posts = { ...state.posts };
  const children = { ...state.children };
  const added: string[] = [];
  for (const post of incoming) {
    if (!posts[post.id]) added.push(post.id);
    posts[post.id] = post;
  }
  for (const id of added) {
    const parentId = posts[id]!.parentId;
    if (parentId) children[parentId] = insertSorted(children[parentId] ?? [], id, posts);
  }
  return { state: { ...state, posts, children }, added };
}

function withRoots(state: DiscussionState, key: DiscussionKey, ids: string[]): DiscussionState {
  const list = state.discussions[key];
  if (!list || ids.length === 0) return state;
  let rootIds = list.rootIds;
  for (const id of ids) rootIds = insertSorted(rootIds, id, state.posts);
  return { ...state, discussions: { ...state.discussions, [key]: { ...list, rootIds } } };
}

function withCount(
  state: DiscussionState,
  key: DiscussionKey,
  count: number,
  total: number,
): DiscussionState {
  const list = state.discussions[key];
  return {
    ...state,
    total,
    discussions: list ? { ...state.discussions, [key]: { ...list, count } } : state.discussions,
  };
}

export function initialState(snapshot: ThreadDiscussionSnapshot): DiscussionState {
  let state: DiscussionState = {
    threadId: snapshot.threadId,
    total: snapshot.total,
    posts: {},
    children: {},
    discussions: {},
    takeawayReactions: snapshot.takeawayReactions,
    mine: snapshot.mine,
    pending: [],
    confirmed: {},
    fresh: {},
    focus: snapshot.focus
      ? {
          postId: snapshot.focus.postId,
          discussion: snapshot.focus.discussion,
          inline: snapshot.focus.inline,
          parent: snapshot.focus.parent,
        }
      : null,
    branchRootId: null,
    branchNextCursor: null,
  };
  for (const [key, slice] of Object.entries(snapshot.discussions)) {
    state = upsertPosts(state, slice.comments).state;
    const rootIds = slice.comments.filter((post) => post.parentId === null).map((post) => post.id);
    state.discussions[key] = {
      count: slice.count,
      rootIds,
      nextCursor: slice.nextCursor,
      pagedUpTo: slice.nextCursor ? (slice.comments.filter((p) => !p.parentId).at(-1)?.seq ?? 0) : Infinity,
    };
  }
  if (snapshot.focus && !snapshot.focus.inline) state = upsertPosts(state, snapshot.focus.comments).state;
  return state;
}

export function initialBranchState(snapshot: BranchSnapshot): DiscussionState {
  const state: DiscussionState = {
    threadId: snapshot.threadId,
    total: 0,
    posts: {},
    children: {},
    discussions: {},
    takeawayReactions: {},
    mine: snapshot.mine,
    pending: [],
    confirmed: {},
    fresh: {},
    focus: null,
    branchRootId: snapshot.focus.id,
    branchNextCursor: snapshot.nextCursor,
  };
  return upsertPosts(state, [snapshot.focus, ...snapshot.comments]).state;
}

/**
 * A comment moved by moderation (another takeaway, or out of its conversation): it leaves its
 * old list and becomes a top-level comment of its new discussion; its replies follow it.
 */
function relocate(state: DiscussionState, before: PostView, after: PostView): DiscussionState {
  if (before.takeawayId === after.takeawayId && before.parentId === after.parentId) return state;
  const children = { ...state.children };
  const discussions = { ...state.discussions };
  if (before.parentId) {
    children[before.parentId] = (children[before.parentId] ?? []).filter((id) => id !== before.id);
  } else {
    const old = discussions[discussionKeyOf(before.takeawayId)];
    if (old)
      discussions[discussionKeyOf(before.takeawayId)] = {
        ...old,
        rootIds: old.rootIds.filter((id) => id !== before.id),
      };
  }
  const moved = { ...state, children, discussions };
  return after.parentId || state.branchRootId !== null
    ? moved
    : withRoots(
        { ...moved, posts: { ...moved.posts, [after.id]: after } },
        discussionKeyOf(after.takeawayId),
        [after.id],
      );
}

/** A reply created after the parent was loaded: the parent's count goes up (once: only when new here). */
function countNewReply(state: DiscussionState, post: PostView): DiscussionState {
  const parent = post.parentId ? state.posts[post.parentId] : undefined;
  if (!parent) return state;
  return {
    ...state,
    posts: { ...state.posts, [parent.id]: { ...parent, replyCount: parent.replyCount + 1 } },
  };
}

function applyChange(state: DiscussionState, change: ThreadChange, viewerId: string | null): DiscussionState {
  if (change.type === "reactions:updated") {
    const mineChange = change.change && change.change.actorId === viewerId ? change.change : null;
    let mine = state.mine;
    if (mineChange) {
      const current = mine[change.postId] ?? noReactions();
      const next: MyReactions =
        mineChange.kind === "stance"
          ? { ...current, stance: mineChange.active ? (mineChange.value as MyReactions["stance"]) : null }
          : {
              ...current,
              emoji: mineChange.active
                ? [...new Set([...current.emoji, mineChange.value as MyReactions["emoji"][number]])]
                : current.emoji.filter((emoji) => emoji !== mineChange.value),
            };
      mine = { ...mine, [change.postId]: next };
    }
    if (change.postId in state.takeawayReactions) {
      return {
        ...state,
        mine,
        takeawayReactions: { ...state.takeawayReactions, [change.postId]: change.reactions },
      };
    }
    const post = state.posts[change.postId];
    if (!post) return { ...state, mine };
    return { ...state, mine, posts: { ...state.posts, [post.id]: { ...post, reactions: change.reactions } } };
  }

  const { post } = change;
  const key = discussionKeyOf(post.takeawayId);
  const known = Boolean(state.posts[post.id]);
  // A reply to a comment this copy never loaded has nowhere to go; its parent's count says so.
  if (!known && change.type === "post:created" && post.parentId && !state.posts[post.parentId]) {
    return withCount(state, key, change.counts.discussion, change.counts.total);
  }
  if (!known && change.type !== "post:created")
    return withCount(state, key, change.counts.discussion, change.counts.total);

  const before = state.posts[post.id];
  let next = before ? relocate(state, before, post) : state;
  next = upsertPosts(next, [post]).state;
  if (!known) next = countNewReply(next, post);
  if (change.counts.left)
    next = withCount(next, change.counts.left.discussion, change.counts.left.count, change.counts.total);
  if (!known && !post.parentId && state.branchRootId === null) next = withRoots(next, key, [post.id]);
  if (!known && change.type === "post:created" && post.author?.id !== viewerId) {
    next = { ...next, fresh: { ...next.fresh, [post.id]: true } };
  }
  return withCount(next, key, change.counts.discussion, change.counts.total);
}

export function discussionReducer(state: DiscussionState, action: DiscussionAction): DiscussionState {
  switch (action.type) {
    case "change":
      return applyChange(state, action.change, action.viewerId);
    case "page": {
      const { state: next } = upsertPosts(state, action.page.comments);
      const roots = action.page.comments.filter((post) => !post.parentId).map((post) => post.id);
      const withPage = withRoots(next, action.discussion, roots);
      const list = withPage.discussions[action.discussion];
      if (!list) return withPage;
      const lastRoot = roots.at(-1);
      return {
        ...withPage,
        mine: { ...withPage.mine, ...action.page.mine },
        discussions: {
          ...withPage.discussions,
          [action.discussion]: {
            ...list,
            nextCursor: action.page.nextCursor,
            pagedUpTo: action.page.nextCursor
              ? Math.max(list.pagedUpTo, lastRoot ? (withPage.posts[lastRoot]?.seq ?? 0) : 0)
              : Infinity,
          },
        },
      };
    }
    case "branch-page": {
      const { state: next } = upsertPosts(state, action.page.comments);
      return {
        ...next,
        mine: { ...next.mine, ...action.page.mine },
        branchNextCursor: action.page.nextCursor,
      };
    }
    case "own-post": {
      const known = Boolean(state.posts[action.post.id]);
      let next = upsertPosts(state, [action.post]).state;
      if (!known) next = countNewReply(next, action.post);
      if (!known && !action.post.parentId && state.branchRootId === null) {
        next = withRoots(next, discussionKeyOf(action.post.takeawayId), [action.post.id]);
      }
      return { ...next, confirmed: { ...next.confirmed, [action.post.id]: true } };
    }
    case "reactions": {
      const mine = { ...state.mine, [action.postId]: action.mine };
      if (action.isTakeaway) {
        return {
          ...state,
          mine,
          takeawayReactions: { ...state.takeawayReactions, [action.postId]: action.reactions },
        };
      }
      const post = state.posts[action.postId];
      return post
        ? { ...state, mine, posts: { ...state.posts, [post.id]: { ...post, reactions: action.reactions } } }
        : { ...state, mine };
    }
    case "pending":
      return { ...state, pending: action.items };
    case "seen": {
      if (!state.fresh[action.postId]) return state;
      const { [action.postId]: _seen, ...fresh } = state.fresh;
      return { ...state, fresh };
    }
  }
}

/**
 * Pending comments not yet matched by a stored one (the broadcast may beat the acknowledgement).
 * Every comment on screen asks for its own, so the stored posts are only scanned when something
 * is pending right here: scanning them for each comment made a page of n comments cost n².
 */
export function visiblePending(
  state: DiscussionState,
  where: { takeawayId: string | null; parentId: string | null },
) {
  const here = state.pending.filter(
    (item) =>
      item.parentId === where.parentId && (where.parentId !== null || item.takeawayId === where.takeawayId),
  );
  if (here.length === 0) return here;
  const stored = new Set(Object.values(state.posts).map((post) => post.clientId));
  return here.filter((item) => !stored.has(item.clientId));
}
