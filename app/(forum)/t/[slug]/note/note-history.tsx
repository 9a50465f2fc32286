"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { NoteProviderState } from "@/lib/notes/note-provider";
import type { Ack } from "@/lib/realtime/events";
import type { NoteVersionSummaryView } from "@/lib/realtime/note-events";
import { getRealtimeSocket } from "@/lib/realtime/client";
import { NoteVersionItem, type VersionPreview } from "./note-version-item";

type Cursor = { createdAt: string; id: string } | null;

const ackTimeoutMs = 10_000;

/** The note's versions, newest first: view one, restore it, or save the current state under a name. */
export function NoteHistory({ state, onClose }: { state: NoteProviderState; onClose: () => void }) {
  const noteId = state.noteId!;
  const [versions, setVersions] = useState<NoteVersionSummaryView[]>([]);
  const [next, setNext] = useState<Cursor>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [name, setName] = useState("");
  const [preview, setPreview] = useState<VersionPreview | null>(null);

  const load = useCallback(
    async (before?: Cursor) => {
      try {
        const ack = await getRealtimeSocket()
          .timeout(ackTimeoutMs)
          .emitWithAck("note:list-versions", { noteId, before: before ?? undefined, limit: 10 });
        if (!ack.ok) return setError(ack.error.message);
        setError(null);
        setVersions((current) => (before ? [...current, ...ack.data.versions] : ack.data.versions));
        setNext(ack.data.nextCursor);
      } catch {
        setError("L’historique n’a pas pu être chargé. Réessayez.");
      }
    },
    [noteId],
  );

  useEffect(() => {
    const socket = getRealtimeSocket();
    const refresh = (payload: { noteId: string }) => payload.noteId === noteId && void load();
    socket.on("note:versions-changed", refresh);
    // The list comes from the server: state is set when its answer arrives, not synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
    return () => {
      socket.off("note:versions-changed", refresh);
    };
  }, [load, noteId]);

  const request = async <T,>(run: () => Promise<Ack<T>>): Promise<T | null> => {
    try {
      const ack = await run();
      if (!ack.ok) {
        setError(ack.error.message);
        return null;
      }
      setError(null);
      return ack.data;
    } catch {
      setError("Pas de réponse du serveur. Réessayez.");
      return null;
    }
  };
  const socket = () => getRealtimeSocket().timeout(ackTimeoutMs);

  const saveVersion = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await request(() => socket().emitWithAck("note:save-version", { noteId, name }));
    if (saved) {
      setAnnouncement(`Version «\u00a0${name.trim()}\u00a0» enregistrée.`);
      setName("");
    }
  };

  const view = async (version: NoteVersionSummaryView) => {
    const data = await request<{ html: string }>(() =>
      socket().emitWithAck("note:get-version", { noteId, versionId: version.id }),
    );
    if (data) setPreview({ versionId: version.id, html: data.html });
  };

  const restore = async (version: NoteVersionSummaryView) => {
    const restored = await request(() =>
      socket().emitWithAck("note:restore-version", { noteId, versionId: version.id }),
    );
    if (restored) {
      setPreview(null);
      setAnnouncement(
        "Version restaurée\u202f: la synthèse reprend son contenu, l’historique garde l’état précédent.",
      );
    }
  };

  return (
    <section
      id="note-history"
      aria-labelledby="note-history-title"
      className="rounded-xl border border-line bg-white p-4 dark:border-night-line dark:bg-night-raised"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id="note-history-title" className="font-serif text-lg font-semibold">
          Historique
        </h3>
        <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm underline">
          Fermer l’historique
        </button>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {error && (
        <p role="alert" className="mt-2 text-sm text-accent dark:text-night-accent">
          {error}
        </p>
      )}
      {state.canEdit && (
        <form onSubmit={saveVersion} className="mt-3 flex flex-wrap items-end gap-2 text-sm">
          <label className="flex min-w-0 flex-1 flex-col gap-1">
            <span className="text-muted dark:text-night-muted">Nom de la version</span>
            <input
              value={name}
              maxLength={120}
              required
              onChange={(event) => setName(event.target.value)}
              placeholder="Après la réunion du mardi"
              className="rounded-md border border-line bg-white px-2 py-1 dark:border-night-line dark:bg-night"
            />
          </label>
          <button
            type="submit"
            disabled={!name.trim()}
            className="rounded-md bg-accent px-3 py-1 text-white disabled:opacity-50"
          >
            Enregistrer une version
          </button>
        </form>
      )}
      {versions.length === 0 ? (
        <p className="mt-3 text-sm text-muted dark:text-night-muted">Aucune version pour l’instant.</p>
      ) : (
        <ol aria-label="Versions de la synthèse" className="mt-3 space-y-2">
          {versions.map((version) => (
            <NoteVersionItem
              key={version.id}
              version={version}
              canRestore={state.canEdit}
              preview={preview?.versionId === version.id ? preview : null}
              onView={() => view(version)}
              onHide={() => setPreview(null)}
              onRestore={() => restore(version)}
            />
          ))}
        </ol>
      )}
      {next && (
        <button type="button" onClick={() => load(next)} className="mt-3 text-sm underline">
          Versions plus anciennes
        </button>
      )}
    </section>
  );
}
