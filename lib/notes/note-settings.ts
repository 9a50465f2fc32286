import { AppError } from "../errors";

/** Tunables of the notes feature; tests shrink them to reach thresholds quickly. */
export interface NoteSettings {
  /** Largest single update (or sync step 2) a client may send. */
  maxUpdateBytes: number;
  /** How deep blocks may nest (a quote in a list item in a list is 3). */
  maxDepth: number;
  /** Largest a note's encoded state may grow to. */
  maxDocumentBytes: number;
  /** Updates after the snapshot that trigger a compaction while the note is being edited. */
  compactAfterUpdates: number;
  /** An automatic version is taken when edits arrive this long after the previous version. */
  autoVersionEveryMs: number;
  /** The rendered text and HTML are saved this long after the last edit… */
  renderDebounceMs: number;
  /** …and at least this often during continuous editing. */
  renderMaxWaitMs: number;
}

export const defaultNoteSettings: NoteSettings = {
  maxUpdateBytes: 256 * 1024,
  maxDocumentBytes: 1024 * 1024,
  maxDepth: 20,
  compactAfterUpdates: 500,
  autoVersionEveryMs: 5 * 60_000,
  renderDebounceMs: 2_000,
  renderMaxWaitMs: 10_000,
};

export function resolveNoteSettings(overrides: Partial<NoteSettings> = {}): NoteSettings {
  return { ...defaultNoteSettings, ...overrides };
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} Mo` : `${Math.round(bytes / 1024)} Ko`;
}

export function assertUpdateSize(update: Uint8Array, settings: NoteSettings): void {
  if (update.byteLength > settings.maxUpdateBytes) {
    throw new AppError(
      "payload_too_large:note_update",
      `Cette modification est trop volumineuse (plus de ${kilobytes(settings.maxUpdateBytes)})\u202f: collez le texte en plusieurs fois.`,
      { details: { maxBytes: settings.maxUpdateBytes } },
    );
  }
}

export function assertDocumentSize(nextSize: number, settings: NoteSettings): void {
  if (nextSize > settings.maxDocumentBytes) {
    throw new AppError(
      "payload_too_large:note_document",
      `La synthèse a atteint sa taille maximale (${kilobytes(settings.maxDocumentBytes)})\u202f: raccourcissez-la avant d’ajouter du texte.`,
      { details: { maxBytes: settings.maxDocumentBytes } },
    );
  }
}
