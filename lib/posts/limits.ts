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
/** Replies per page of a branch ("continuer cette conversation"). */
export const repliesPerBranchPage = 50;

/** How many names a reaction count lists on hover or focus. */
export const reactorNamesShown = 10;
