"use client";

import { useState } from "react";
import { primaryButton } from "@/app/_components/form-field";
import { resolveReportsAction } from "./actions";
import { ActionForm } from "./_components/action-form";

const field = "rounded-lg border border-line bg-white px-3 py-2 text-sm dark:border-night-line dark:bg-night";

export function ResolveForm({ postId, authorName }: { postId: string; authorName: string }) {
  const [outcome, setOutcome] = useState("hide");
  return (
    <ActionForm
      action={resolveReportsAction}
      className="mt-4 space-y-3 border-t border-line pt-4 dark:border-night-line"
      label={`Décision sur le commentaire de ${authorName}`}
    >
      <input type="hidden" name="postId" value={postId} />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">Décision</legend>
        {[
          ["hide", "Masquer le commentaire"],
          ["keep", "Le garder visible"],
          ["suspend", `Masquer et suspendre ${authorName}`],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-2">
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(value!)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {outcome === "suspend" && (
        <label className="flex items-center gap-2 text-sm">
          Durée
          <select name="suspendDays" className={field} defaultValue="7">
            <option value="1">1 jour</option>
            <option value="7">7 jours</option>
            <option value="30">30 jours</option>
            <option value="">Jusqu’à nouvel ordre</option>
          </select>
        </label>
      )}
      <label className="block text-sm">
        <span className="font-medium">Raison</span> (visible par l’auteur, les personnes qui l’ont signalé et
        les modérateurs)
        <input
          name="reason"
          required
          minLength={3}
          maxLength={500}
          className={`${field} mt-1 block w-full`}
        />
      </label>
      <button type="submit" className={primaryButton}>
        Appliquer
      </button>
    </ActionForm>
  );
}
