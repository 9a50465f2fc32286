"use client";

import { secondaryButton } from "@/app/_components/form-field";
import { moderateThreadAction, setThreadTagsAction } from "@/app/moderation/actions";
import { ActionForm } from "@/app/moderation/_components/action-form";

interface ThreadModerationPanelProps {
  threadId: string;
  title: string;
  intro: string[];
  pinned: boolean;
  locked: boolean;
  archived: boolean;
  tags: string[];
}

const input =
  "block w-full rounded-lg border border-line bg-white px-3 py-2 text-sm dark:border-night-line dark:bg-night";
const small =
  "rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:border-accent/50 dark:border-night-line";

function ToggleForm({ threadId, operation, label }: { threadId: string; operation: string; label: string }) {
  return (
    <ActionForm action={moderateThreadAction} className="flex items-center gap-2">
      <input type="hidden" name="threadId" value={threadId} />
      <button type="submit" name="operation" value={operation} className={small}>
        {label}
      </button>
    </ActionForm>
  );
}

/** The moderators' tools for a thread; each form is checked again on the server. */
export function ThreadModerationPanel(props: ThreadModerationPanelProps) {
  const { threadId } = props;
  return (
    <details className="mt-6 rounded-xl border border-dashed border-accent/40 p-4 text-sm dark:border-night-accent/40">
      <summary className="cursor-pointer font-medium text-accent dark:text-night-accent">
        Outils de modération
      </summary>
      <div className="mt-4 space-y-5">
        <div className="flex flex-wrap gap-3">
          <ToggleForm
            threadId={threadId}
            operation={props.pinned ? "unpin" : "pin"}
            label={props.pinned ? "Désépingler" : "Épingler"}
          />
          {props.locked && <ToggleForm threadId={threadId} operation="unlock" label="Déverrouiller" />}
          <ToggleForm
            threadId={threadId}
            operation={props.archived ? "unarchive" : "archive"}
            label={props.archived ? "Désarchiver" : "Archiver"}
          />
        </div>
        {!props.locked && (
          <ActionForm action={moderateThreadAction} className="space-y-2" label="Verrouiller la discussion">
            <input type="hidden" name="threadId" value={threadId} />
            <label className="block">
              Raison du verrouillage
              <input name="reason" required minLength={3} maxLength={500} className={`${input} mt-1`} />
            </label>
            <button type="submit" name="operation" value="lock" className={small}>
              Verrouiller
            </button>
          </ActionForm>
        )}
        <ActionForm action={setThreadTagsAction} className="space-y-2" label="Sujets de la discussion">
          <input type="hidden" name="threadId" value={threadId} />
          <label className="block">
            Sujets (séparés par des virgules)
            <input name="tags" defaultValue={props.tags.join(", ")} className={`${input} mt-1`} />
          </label>
          <button type="submit" className={small}>
            Enregistrer les sujets
          </button>
        </ActionForm>
        <ActionForm action={moderateThreadAction} className="space-y-2" label="Modifier la discussion">
          <input type="hidden" name="threadId" value={threadId} />
          <input type="hidden" name="operation" value="edit" />
          <label className="block">
            Titre
            <input name="title" required defaultValue={props.title} className={`${input} mt-1`} />
          </label>
          <label className="block">
            Introduction (un paragraphe par bloc, séparés par une ligne vide)
            <textarea
              name="intro"
              rows={6}
              defaultValue={props.intro.join("\n\n")}
              className={`${input} mt-1`}
            />
          </label>
          <button type="submit" className={secondaryButton}>
            Enregistrer
          </button>
        </ActionForm>
      </div>
    </details>
  );
}
