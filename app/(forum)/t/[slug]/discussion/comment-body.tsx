"use client";

import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import type { PostView } from "@/lib/posts/types";

/** Styles for rendered comment Markdown (the sanitizer allows only these elements). */
export const markdownClasses =
  "reading text-base break-words [&_a]:text-accent [&_a]:underline [&_a]:underline-offset-2 dark:[&_a]:text-night-accent [&_blockquote]:border-l-2 [&_blockquote]:border-line [&_blockquote]:pl-3 [&_blockquote]:italic [&_code]:rounded [&_code]:bg-line/60 [&_code]:px-1 [&_code]:font-mono [&_code]:text-sm [&_ol]:list-decimal [&_ol]:pl-6 [&_p+p]:mt-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-line/40 [&_pre]:p-2 [&_ul]:list-disc [&_ul]:pl-6 dark:[&_code]:bg-night-line";

export function RelativeTime({ iso }: { iso: string }) {
  const date = new Date(iso);
  return (
    // The server and the browser render a few seconds apart: "il y a 2 minutes" may differ.
    <time dateTime={iso} title={formatAbsoluteTime(date)} suppressHydrationWarning>
      {formatRelativeTime(date)}
    </time>
  );
}

/** The text of a comment, or what stands in its place. */
export function CommentBody({ post }: { post: PostView }) {
  if (post.state === "deleted") {
    return (
      <p className="text-sm text-muted italic dark:text-night-muted">Commentaire supprimé par son auteur.</p>
    );
  }
  if (post.state === "hidden") {
    return (
      <>
        <p className="text-sm text-muted italic dark:text-night-muted">
          {/* The reason reaches only the author, the reporters and moderators (lib/moderation/hidden-reasons.ts). */}
          Commentaire masqué par la modération{post.hiddenReason ? <>&#8239;: {post.hiddenReason}</> : "."}
          {post.html && " Vous seul en voyez encore le texte\u202f:"}
        </p>
        {/* Only its author receives the text of a hidden comment (lib/posts/post-views.ts). */}
        {post.html && (
          <div className={`${markdownClasses} opacity-70`} dangerouslySetInnerHTML={{ __html: post.html }} />
        )}
      </>
    );
  }
  // Sanitized HTML (lib/posts/markdown.ts), rendered the same way on the server and here.
  return <div className={markdownClasses} dangerouslySetInnerHTML={{ __html: post.html }} />;
}
