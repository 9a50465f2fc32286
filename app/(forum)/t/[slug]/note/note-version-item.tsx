"use client";

import { useState } from "react";
import { formatAbsoluteTime, formatRelativeTime } from "@/lib/format/relative-time";
import type { NoteVersionSummaryView } from "@/lib/realtime/note-events";

export interface VersionPreview {
  versionId: string;
  html: string;
}

function titleOf(version: NoteVersionSummaryView): string {
  if (version.name) return version.name;
  if (version.kind === "restore") return "Restauration d’une version";
  return "Version automatique";
}

function byline(version: NoteVersionSummaryView): string {
  const authors = version.authors.map((author) => author.name);
  if (version.kind === "restore" && version.createdBy) return `restaurée par ${version.createdBy.name}`;
  if (authors.length > 0) return `par ${new Intl.ListFormat("fr", { type: "conjunction" }).format(authors)}`;
  if (version.createdBy) return `enregistrée par ${version.createdBy.name}`;
  return "";
}

/** One version: its name, time and authors; view its content, then restore it after a confirmation. */
export function NoteVersionItem(props: {
  version: NoteVersionSummaryView;
  canRestore: boolean;
  preview: VersionPreview | null;
  onView: () => void;
  onHide: () => void;
  onRestore: () => Promise<void>;
}) {
  const { version, preview } = props;
  const [confirming, setConfirming] = useState(false);
  const createdAt = new Date(version.createdAt);
  const titleId = `version-${version.id}`;

  return (
    <li
      aria-labelledby={titleId}
      className="rounded-lg border border-line p-3 text-sm dark:border-night-line"
    >
      <p id={titleId} className="font-medium">
        {titleOf(version)}
      </p>
      <p className="text-muted dark:text-night-muted">
        <time dateTime={version.createdAt} title={formatAbsoluteTime(createdAt)}>
          {formatRelativeTime(createdAt)}
        </time>
        {byline(version) && <> · {byline(version)}</>}
      </p>
      <div className="mt-2 flex flex-wrap gap-3">
        {preview ? (
          <button type="button" className="underline" onClick={props.onHide}>
            Masquer le contenu
          </button>
        ) : (
          <button type="button" className="underline" onClick={props.onView}>
            Voir cette version
          </button>
        )}
        {props.canRestore &&
          (confirming ? (
            <>
              <button
                type="button"
                className="rounded-md bg-accent px-2 py-0.5 text-white"
                onClick={async () => {
                  await props.onRestore();
                  setConfirming(false);
                }}
              >
                Confirmer la restauration
              </button>
              <button type="button" className="underline" onClick={() => setConfirming(false)}>
                Annuler
              </button>
            </>
          ) : (
            <button type="button" className="underline" onClick={() => setConfirming(true)}>
              Restaurer
            </button>
          ))}
      </div>
      {preview && (
        <div
          aria-label={`Contenu de la version «\u00a0${titleOf(version)}\u00a0»`}
          role="region"
          className="note-prose reading mt-3 max-h-80 overflow-y-auto rounded-md bg-paper p-3 text-base dark:bg-night"
          // Rendered on the server from a whitelist of nodes with every text escaped (lib/notes/render-note.ts).
          dangerouslySetInnerHTML={{ __html: preview.html || "<p><em>Version vide.</em></p>" }}
        />
      )}
    </li>
  );
}
