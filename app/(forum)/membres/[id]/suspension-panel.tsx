"use client";

import { liftSuspensionAction, suspendUserAction } from "@/app/moderation/actions";
import { ActionForm } from "@/app/moderation/_components/action-form";

const field = "rounded-lg border border-line bg-white px-3 py-2 text-sm dark:border-night-line dark:bg-night";
const button =
  "rounded-lg border border-line px-3 py-1.5 text-sm font-medium hover:border-accent/50 dark:border-night-line";

export function SuspensionPanel({
  userId,
  name,
  suspended,
}: {
  userId: string;
  name: string;
  suspended: boolean;
}) {
  return (
    <section
      aria-label="Modération du membre"
      className="mt-6 rounded-xl border border-dashed border-accent/40 p-4 dark:border-night-accent/40"
    >
      {suspended ? (
        <ActionForm
          action={liftSuspensionAction}
          className="flex flex-wrap items-end gap-3"
          label={`Lever la suspension de ${name}`}
        >
          <input type="hidden" name="userId" value={userId} />
          <label className="flex flex-col gap-1 text-sm">
            Raison (facultative)
            <input name="reason" maxLength={500} className={field} />
          </label>
          <button type="submit" className={button}>
            Lever la suspension
          </button>
        </ActionForm>
      ) : (
        <ActionForm
          action={suspendUserAction}
          className="flex flex-wrap items-end gap-3"
          label={`Suspendre ${name}`}
        >
          <input type="hidden" name="userId" value={userId} />
          <label className="flex flex-col gap-1 text-sm">
            Durée
            <select name="days" defaultValue="7" className={field}>
              <option value="1">1 jour</option>
              <option value="7">7 jours</option>
              <option value="30">30 jours</option>
              <option value="">Jusqu’à nouvel ordre</option>
            </select>
          </label>
          <label className="flex min-w-60 flex-1 flex-col gap-1 text-sm">
            Raison (communiquée au membre)
            <input name="reason" required minLength={3} maxLength={500} className={field} />
          </label>
          <button type="submit" className={button}>
            Suspendre
          </button>
        </ActionForm>
      )}
    </section>
  );
}
