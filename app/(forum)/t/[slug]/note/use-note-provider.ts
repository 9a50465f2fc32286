"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { NoteProvider, type NoteProviderState } from "@/lib/notes/note-provider";
import { activeWriters, type NoteWriter } from "@/lib/notes/note-writers";
import { getRealtimeSocket } from "@/lib/realtime/client";

/** The thread note's provider for as long as the component is mounted (browser only). */
export function useNoteProvider(threadId: string): NoteProvider | null {
  const [provider, setProvider] = useState<NoteProvider | null>(null);
  useEffect(() => {
    const created = new NoteProvider(getRealtimeSocket(), threadId);
    // The provider talks to the socket, so it can only exist after mounting, not during render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setProvider(created);
    return () => {
      created.destroy();
      created.doc.destroy();
    };
  }, [threadId]);
  return provider;
}

const idle: NoteProviderState | null = null;

export function useNoteState(provider: NoteProvider | null): NoteProviderState | null {
  return useSyncExternalStore(
    (onChange) => provider?.subscribe(onChange) ?? (() => {}),
    () => provider?.state ?? idle,
    () => idle,
  );
}

/**
 * Who is writing now (see `activeWriters`), re-read whenever presence changes and every few
 * seconds, since writers stop counting as such when time passes without any message.
 */
export function usePresentEditors(provider: NoteProvider | null): NoteWriter[] {
  const snapshot = useSyncExternalStore(
    (onChange) => {
      provider?.awareness.on("change", onChange);
      const tick = setInterval(onChange, 2_000);
      return () => {
        provider?.awareness.off("change", onChange);
        clearInterval(tick);
      };
    },
    () => (provider ? presenceKey(provider) : ""),
    () => "",
  );
  return snapshot ? (JSON.parse(snapshot) as NoteWriter[]) : [];
}

function presenceKey(provider: NoteProvider): string {
  const writers = activeWriters({
    states: provider.awareness.getStates() as Map<number, Record<string, unknown>>,
    lastActivity: provider.lastActivity,
    self: { clientId: provider.doc.clientID, id: provider.state.self?.id ?? null },
    now: Date.now(),
  });
  // A string snapshot: useSyncExternalStore compares by value, so unchanged presence does not re-render.
  return JSON.stringify(writers);
}
