"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * A polite live region for comments that arrive while the reader is on the page. Arrivals
 * close together (a catch-up after a reconnection) are announced as one sentence, so screen
 * readers are told, not flooded.
 */
export function useAnnouncer() {
  const [message, setMessage] = useState("");
  const queue = useRef<{ author: string; where: string | null }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const announce = useCallback((author: string, where: string | null) => {
    queue.current.push({ author, where });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const arrivals = queue.current;
      queue.current = [];
      const [first] = arrivals;
      if (!first) return;
      setMessage(
        arrivals.length === 1
          ? `Nouveau commentaire de ${first.author}${first.where ? ` sur le point ${first.where}` : ""}.`
          : `${arrivals.length}\u00a0nouveaux commentaires.`,
      );
    }, 600);
  }, []);

  const region = (
    <div role="status" aria-live="polite" className="sr-only">
      {message}
    </div>
  );
  return { announce, region };
}
