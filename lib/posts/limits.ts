/** Bounds of a comment, shared by the composer (checked before sending) and the server. */
export const maxCommentLength = 10_000;

/**
 * How deep replies may nest in storage. The page shows five levels under a conversation's
 * start and links further branches to their own page; past this bound, a chain of replies is
 * more likely a script than a debate.
 */
export const maxReplyDepth = 60;

/** Levels of replies shown under a conversation's start before "continuer cette conversation". */
export const visibleReplyDepth = 5;

/** Top-level comments per discussion on one screen, and replies loaded per conversation. */
export const commentsPerPage = 10;
export const repliesPerConversation = 10;
/**
 * A takeaway's discussion is folded under its block on the thread page, so the page carries a
 * preview of it: its first conversations, each with its first replies; "voir plus" loads the
 * rest a page at a time. Full first pages for every takeaway made a long thread's page carry
 * about 1,100 folded comments (3.6 MB of HTML, most of the page's time) that few readers open.
 */
export const takeawayPreviewComments = 3;
export const takeawayPreviewReplies = 3;
/** Replies per page of a branch ("continuer cette conversation"). */
export const repliesPerBranchPage = 50;

/** How many names a reaction count lists on hover or focus. */
export const reactorNamesShown = 10;
