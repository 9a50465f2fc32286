"use client";

import { countLabel } from "@/lib/format/plural";
import { generalDiscussion } from "@/lib/posts/types";
import { Composer, GuestInvitation, TypingIndicator } from "./composer";
import { useDiscussion } from "./discussion-context";
import { DiscussionComments } from "./discussion-comments";

const statusText = {
  connecting: "Connexion…",
  "catching-up": "Mise à jour…",
  live: "En direct",
  offline: "Hors ligne\u202f: vos commentaires partiront au retour de la connexion",
} as const;

/** How many read along, and whether the page is live: a quiet line, words not colours. */
export function LiveStatus() {
  const { live, status, readers, state } = useDiscussion();
  return (
    <p className="flex flex-wrap gap-x-3 text-sm text-muted dark:text-night-muted">
      <span>{countLabel(state.total, "commentaire", "commentaires")} en tout</span>
      {live && readers !== null && <span>{countLabel(readers, "lecteur", "lecteurs")} en ce moment</span>}
      {live && <span role="status">{statusText[status]}</span>}
    </p>
  );
}

/** Comments on the article as a whole, after its takeaways. */
export function GeneralDiscussion() {
  const { state, viewer } = useDiscussion();
  const count = state.discussions[generalDiscussion]?.count ?? 0;
  return (
    <section aria-labelledby="discussion-generale" className="mt-12">
      <h2
        id="discussion-generale"
        className="flex items-baseline justify-between gap-4 border-b border-line pb-2 font-serif text-2xl font-semibold dark:border-night-line"
      >
        Discussion générale
        <span className="font-sans text-sm font-normal text-muted dark:text-night-muted">
          {countLabel(count, "commentaire", "commentaires")}
        </span>
      </h2>
      <div className="mt-2">
        <LiveStatus />
      </div>
      <DiscussionComments
        discussion={generalDiscussion}
        takeawayId={null}
        pageSlug="general"
        label="Commentaires sur l’article"
      />
      <TypingIndicator discussion={generalDiscussion} />
      {viewer ? (
        <Composer where={{ takeawayId: null, parentId: null }} label="Commenter l’article" />
      ) : (
        <GuestInvitation />
      )}
    </section>
  );
}
