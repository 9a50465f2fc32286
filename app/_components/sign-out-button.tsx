"use client";

import { signOutAction } from "@/app/(auth)/session-actions";
import { forgetMemberDrafts } from "@/lib/realtime/outbox";

/**
 * A form, so signing out is a POST that works without JavaScript. With JavaScript, the
 * member's comments still queued offline on this browser are forgotten first: whoever signs
 * in next here must not find them.
 */
export function SignOutButton({ memberId }: { memberId: string }) {
  return (
    <form
      action={signOutAction}
      onSubmit={() => {
        try {
          forgetMemberDrafts(localStorage, memberId);
        } catch {
          // Storage disabled: there is nothing queued to forget.
        }
      }}
    >
      <button
        type="submit"
        className="rounded-sm px-1.5 py-1 text-muted hover:text-ink sm:px-2 dark:text-night-muted dark:hover:text-night-ink"
      >
        Se déconnecter
      </button>
    </form>
  );
}
