"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import Link from "@tiptap/extension-link";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useState, type ReactNode } from "react";
import type { NoteProvider, NoteProviderState } from "@/lib/notes/note-provider";
import { nestsDeeperThan } from "@/lib/notes/note-depth";
import { noteField } from "@/lib/notes/note-field";
import { defaultNoteSettings } from "@/lib/notes/note-settings";
import { BrokenNote } from "./broken-note";
import { NoteErrorBoundary } from "./note-error-boundary";
import { NoteHistory } from "./note-history";
import { NoteHistoryToggle } from "./note-history-toggle";
import { NoteLockControl } from "./note-lock-control";
import { NotePresence } from "./note-presence";
import { NoteStatus } from "./note-status";
import { NoteToolbar } from "./note-toolbar";
import { UnsavedText } from "./unsaved-text";
import { useNoteProvider, useNoteState } from "./use-note-provider";

import { proseClass } from "./static-note";

/**
 * Loaded in the browser only (with Yjs and TipTap): shows `fallback`, the stored HTML, until
 * the live document has synced, then the collaborative editor in its place.
 */
export function LiveNote({ threadId, fallback }: { threadId: string; fallback: ReactNode }) {
  const provider = useNoteProvider(threadId);
  const state = useNoteState(provider);
  const [everSynced, setEverSynced] = useState(false);
  const tooDeep = useTooDeep(provider, everSynced);
  if (state?.status === "synced" && !everSynced) setEverSynced(true);
  // Until the depth is checked the editor must not mount: it could be the binding's first crash.
  if (!provider || !state || !everSynced || tooDeep === null) {
    return (
      <div aria-busy={state?.status !== "error"}>
        {fallback}
        {state?.status === "error" && state.error && (
          <p role="alert" className="mt-3 text-sm text-accent dark:text-night-accent">
            {state.error.message}
          </p>
        )}
      </div>
    );
  }
  if (tooDeep) {
    return <BrokenNote state={state} fallback={fallback} />;
  }
  return (
    <NoteErrorBoundary fallback={(retry) => <BrokenNote state={state} fallback={fallback} onRetry={retry} />}>
      <LiveNoteEditor provider={provider} state={state} />
    </NoteErrorBoundary>
  );
}

/**
 * Whether the synced note nests deeper than the editor's schema allows: the ProseMirror binding
 * recurses over the tree, so a note stored before updates were checked would crash it. Checked
 * once synced (null until then), then after each change only while it is too deep (until a
 * restore repairs it).
 */
function useTooDeep(provider: NoteProvider | null, synced: boolean): boolean | null {
  const [tooDeep, setTooDeep] = useState<boolean | null>(null);
  useEffect(() => {
    if (!provider || !synced) return;
    const check = () => setTooDeep(nestsDeeperThan(provider.doc, defaultNoteSettings.maxDepth));
    check();
    const recheck = () => {
      if (nestsDeeperThan(provider.doc, defaultNoteSettings.maxDepth)) return;
      setTooDeep(false);
      provider.doc.off("update", recheck);
    };
    provider.doc.on("update", recheck);
    return () => provider.doc.off("update", recheck);
  }, [provider, synced]);
  return tooDeep;
}

function editorAttributes(canEdit: boolean): Record<string, string> {
  return {
    class: `${proseClass} min-h-40 py-3`,
    role: "textbox",
    "aria-multiline": "true",
    "aria-readonly": String(!canEdit),
    "aria-label": "Synthèse de la discussion",
    "aria-describedby": "note-read-only",
    ...(canEdit ? { "aria-placeholder": emptyPrompt } : {}),
  };
}

/** What an empty synthesis says: a prompt to those who may write, a plain fact to readers. */
function EmptyNotePrompt({ editor, canEdit }: { editor: Editor; canEdit: boolean }) {
  const isEmpty = useEditorState({ editor, selector: ({ editor: current }) => current.isEmpty });
  if (!isEmpty) return null;
  return (
    <p aria-hidden className="pointer-events-none absolute top-3 left-0 text-muted dark:text-night-muted">
      {canEdit ? emptyPrompt : "La synthèse est encore vide."}
    </p>
  );
}

const emptyPrompt = "Écrivez ici ce que la discussion retient : accords, désaccords, questions ouvertes…";

/**
 * A link is its address: the rel, target and class a document may carry (written before the
 * server checked links, or by another client) are not read, so a link never opens with
 * window.opener nor takes a class that covers the page; every link gets the same safe rel.
 */
const addressOnlyLink = Link.extend({
  addAttributes() {
    return { href: { default: null } };
  },
});

function LiveNoteEditor({ provider, state }: { provider: NoteProvider; state: NoteProviderState }) {
  const [historyOpen, setHistoryOpen] = useState(false);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: state.canEdit,
      extensions: [
        StarterKit.configure({
          // Collaboration brings its own undo, limited to one's own changes.
          undoRedo: false,
          heading: { levels: [2, 3] },
          code: false,
          codeBlock: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: false,
        }),
        addressOnlyLink.configure({
          openOnClick: false,
          autolink: true,
          defaultProtocol: "https",
          HTMLAttributes: { rel: "nofollow noopener noreferrer ugc", target: null },
        }),
        Collaboration.configure({ document: provider.doc, field: noteField }),
        // The identity the server gave us; the server writes it over our awareness state anyway.
        CollaborationCaret.configure({ provider, user: state.self ?? {} }),
      ],
      editorProps: { attributes: editorAttributes(state.canEdit) },
    },
    [provider],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(state.canEdit);
    editor.setOptions({ editorProps: { attributes: editorAttributes(state.canEdit) } });
  }, [editor, state.canEdit]);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <NotePresence provider={provider} />
        <div className="flex items-center gap-2">
          {state.canLock && state.noteId && <NoteLockControl state={state} />}
          <NoteHistoryToggle open={historyOpen} onToggle={() => setHistoryOpen((open) => !open)} />
        </div>
      </div>
      <p
        id="note-read-only"
        className={state.canEdit ? "sr-only" : "rounded-lg bg-accent-soft px-3 py-2 text-sm text-ink"}
      >
        {state.canEdit
          ? "Vous pouvez modifier la synthèse\u202f; les autres voient vos changements en direct."
          : state.locked
            ? `Synthèse verrouillée${state.lockReason ? `\u202f: ${state.lockReason}` : "."}`
            : (state.readOnlyReason ?? "Lecture seule.")}
      </p>
      {editor && state.canEdit && <NoteToolbar editor={editor} />}
      {/* Beside the text it describes, not below the editor's empty space. */}
      <NoteStatus state={state} />
      <div className="relative">
        {editor && <EmptyNotePrompt editor={editor} canEdit={state.canEdit} />}
        <EditorContent editor={editor} />
      </div>
      {!state.canEdit && (state.unsent || state.pending > 0) && <UnsavedText provider={provider} />}
      {historyOpen && state.noteId && <NoteHistory state={state} onClose={() => setHistoryOpen(false)} />}
    </div>
  );
}
