"use client";

import { useCallback, useEffect, useState } from "react";
import { discussionKeyOf, type DiscussionKey } from "@/lib/posts/types";
import type { TypingUpdate } from "@/lib/realtime/discussion-events";

// A writer's browser repeats typing:start every few seconds; silence this long means gone.
const expiresAfterMs = 8000;

/**
 * Who is typing where, from typing:updated (pass `receive` to the socket); entries fade when
 * their author's tab goes quiet.
 */
export function useTypingPresence(threadId: string) {
  const [entries, setEntries] = useState<Record<string, { key: DiscussionKey; name: string; until: number }>>(
    {},
  );

  const receive = useCallback(
    (update: TypingUpdate) => {
      if (update.threadId !== threadId) return;
      const key = discussionKeyOf(update.takeawayId);
      const id = `${key}:${update.user.id}`;
      setEntries((current) => {
        const { [id]: _previous, ...rest } = current;
        return update.typing
          ? { ...rest, [id]: { key, name: update.user.name, until: Date.now() + expiresAfterMs } }
          : rest;
      });
    },
    [threadId],
  );

  useEffect(() => {
    const sweep = setInterval(() => {
      const now = Date.now();
      setEntries((current) => {
        const kept = Object.entries(current).filter(([, entry]) => entry.until > now);
        return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
      });
    }, 2000);
    return () => clearInterval(sweep);
  }, []);

  const typing: Record<DiscussionKey, string[]> = {};
  for (const entry of Object.values(entries)) (typing[entry.key] ??= []).push(entry.name);
  return { typing, receive };
}
