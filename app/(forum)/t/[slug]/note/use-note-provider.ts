"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { NoteProvider, type NoteProviderState } from "@/lib/notes/note-provider";
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

export interface PresentEditor {
  clientId: number;
  id: string;
  name: string;
  color: string;
  self: boolean;
}

/** Who is editing now, from awareness: one entry per member, however many tabs they have open. */
export function usePresentEditors(provider: NoteProvider | null): PresentEditor[] {
  const snapshot = useSyncExternalStore(
    (onChange) => {
      provider?.awareness.on("change", onChange);
      return () => provider?.awareness.off("change", onChange);
    },
    () => (provider ? presenceKey(provider) : ""),
    () => "",
  );
  return snapshot ? (JSON.parse(snapshot) as PresentEditor[]) : [];
}

function presenceKey(provider: NoteProvider): string {
  const editors = new Map<string, PresentEditor>();
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as { user?: Partial<PresentEditor> }).user;
    if (!user?.id || !user.name) continue;
    const self = clientId === provider.doc.clientID;
    const known = editors.get(user.id);
    if (known) {
      known.self ||= self;
      continue;
    }
    editors.set(user.id, { clientId, id: user.id, name: user.name, color: user.color ?? "#5b616b", self });
  }
  // A string snapshot: useSyncExternalStore compares by value, so unchanged presence does not re-render.
  return JSON.stringify(
    [...editors.values()].sort(
      (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "fr"),
    ),
  );
}
