"use client";

import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useState, type FormEvent, type ReactNode } from "react";

const buttonClass =
  "rounded-md px-2 py-1 text-sm text-ink hover:bg-accent-soft aria-pressed:bg-accent-soft aria-pressed:text-accent disabled:opacity-40 dark:text-night-ink dark:hover:bg-night-line dark:aria-pressed:bg-night-line dark:aria-pressed:text-night-accent";

/** How a shortcut reads in a tooltip, and how `aria-keyshortcuts` spells it. */
const shortcuts = {
  h2: ["Ctrl+Alt+2", "Control+Alt+2"],
  h3: ["Ctrl+Alt+3", "Control+Alt+3"],
  bold: ["Ctrl+B", "Control+B"],
  italic: ["Ctrl+I", "Control+I"],
  bullet: ["Ctrl+Maj+8", "Control+Shift+8"],
  ordered: ["Ctrl+Maj+7", "Control+Shift+7"],
  quote: ["Ctrl+Maj+B", "Control+Shift+B"],
  undo: ["Ctrl+Z", "Control+Z"],
  redo: ["Ctrl+Maj+Z", "Control+Shift+Z"],
} as const;

function ToolbarButton(props: {
  label: string;
  shortcut?: keyof typeof shortcuts;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      title={props.shortcut ? `${props.label} (${shortcuts[props.shortcut][0]})` : props.label}
      aria-label={props.label}
      aria-keyshortcuts={props.shortcut ? shortcuts[props.shortcut][1] : undefined}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
      className={buttonClass}
    >
      {props.children}
    </button>
  );
}

export function isAcceptedLink(value: string): boolean {
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+@[^\s]+)$/i.test(value.trim());
}

/** Headings, bold, italic, lists, quotes and links: the formatting a synthesis needs, no more. */
export function NoteToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      h2: current.isActive("heading", { level: 2 }),
      h3: current.isActive("heading", { level: 3 }),
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      bullet: current.isActive("bulletList"),
      ordered: current.isActive("orderedList"),
      quote: current.isActive("blockquote"),
      link: current.isActive("link"),
      href: (current.getAttributes("link").href as string | undefined) ?? "",
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);
  const chain = () => editor.chain().focus();

  const openLink = () => {
    setHref(active.href);
    setLinkError(null);
    setLinkOpen(true);
  };
  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    if (!isAcceptedLink(href)) {
      setLinkError("Adresse invalide\u202f: elle doit commencer par https:// ou mailto:");
      return;
    }
    chain().extendMarkRange("link").setLink({ href: href.trim() }).run();
    setLinkOpen(false);
  };

  return (
    <div className="border-b border-line pb-2 dark:border-night-line">
      <div
        role="toolbar"
        aria-label="Mise en forme de la synthèse"
        className="flex flex-wrap items-center gap-0.5"
      >
        <ToolbarButton
          label="Titre"
          shortcut="h2"
          pressed={active.h2}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        >
          Titre
        </ToolbarButton>
        <ToolbarButton
          label="Sous-titre"
          shortcut="h3"
          pressed={active.h3}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        >
          Sous-titre
        </ToolbarButton>
        <ToolbarButton
          label="Gras"
          shortcut="bold"
          pressed={active.bold}
          onClick={() => chain().toggleBold().run()}
        >
          <strong>G</strong>
        </ToolbarButton>
        <ToolbarButton
          label="Italique"
          shortcut="italic"
          pressed={active.italic}
          onClick={() => chain().toggleItalic().run()}
        >
          <em>I</em>
        </ToolbarButton>
        <ToolbarButton
          label="Liste à puces"
          shortcut="bullet"
          pressed={active.bullet}
          onClick={() => chain().toggleBulletList().run()}
        >
          •&#8239;—
        </ToolbarButton>
        <ToolbarButton
          label="Liste numérotée"
          shortcut="ordered"
          pressed={active.ordered}
          onClick={() => chain().toggleOrderedList().run()}
        >
          1.&#8239;—
        </ToolbarButton>
        <ToolbarButton
          label="Citation"
          shortcut="quote"
          pressed={active.quote}
          onClick={() => chain().toggleBlockquote().run()}
        >
          «&#8239;»
        </ToolbarButton>
        <ToolbarButton label="Lien" pressed={active.link} onClick={openLink}>
          Lien
        </ToolbarButton>
        <span aria-hidden className="mx-1 h-5 w-px bg-line dark:bg-night-line" />
        <ToolbarButton label="Annuler" shortcut="undo" onClick={() => chain().undo().run()}>
          ↶
        </ToolbarButton>
        <ToolbarButton label="Rétablir" shortcut="redo" onClick={() => chain().redo().run()}>
          ↷
        </ToolbarButton>
      </div>
      {linkOpen && (
        <form onSubmit={applyLink} className="mt-2 flex flex-wrap items-end gap-2 text-sm" noValidate>
          <label className="flex min-w-0 flex-1 flex-col gap-1">
            <span className="text-muted dark:text-night-muted">Adresse du lien</span>
            <input
              type="url"
              value={href}
              autoFocus
              onChange={(event) => setHref(event.target.value)}
              onKeyDown={(event) => event.key === "Escape" && setLinkOpen(false)}
              aria-invalid={linkError !== null}
              aria-describedby={linkError ? "note-link-error" : undefined}
              placeholder="https://"
              className="rounded-md border border-line bg-white px-2 py-1 dark:border-night-line dark:bg-night"
            />
          </label>
          <button type="submit" className="rounded-md bg-accent px-3 py-1 text-white">
            Valider
          </button>
          {active.link && (
            <button
              type="button"
              className="rounded-md px-3 py-1 underline"
              onClick={() => {
                chain().extendMarkRange("link").unsetLink().run();
                setLinkOpen(false);
              }}
            >
              Retirer le lien
            </button>
          )}
          <button type="button" className="rounded-md px-3 py-1" onClick={() => setLinkOpen(false)}>
            Annuler
          </button>
          {linkError && (
            <p id="note-link-error" role="alert" className="w-full text-accent dark:text-night-accent">
              {linkError}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
