import type { InputHTMLAttributes, ReactNode } from "react";

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  errors?: string[];
  hint?: ReactNode;
}

/** A labelled input whose errors and hint are announced with it (aria-describedby). */
export function FormField({ name, label, errors, hint, ...input }: FormFieldProps) {
  const errorId = `${name}-erreurs`;
  const hintId = `${name}-aide`;
  const describedBy =
    [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full rounded-lg border border-line bg-white px-3 py-2 text-base shadow-xs outline-none focus-visible:border-accent focus-visible:ring-2 focus-visible:ring-accent/30 aria-invalid:border-accent dark:border-night-line dark:bg-night-raised"
        {...input}
      />
      {hint && (
        <div id={hintId} className="text-sm text-muted dark:text-night-muted">
          {hint}
        </div>
      )}
      {errors?.length ? (
        <ul id={errorId} className="space-y-0.5 text-sm font-medium text-accent dark:text-night-accent">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const primaryButton =
  "inline-flex items-center justify-center rounded-lg bg-accent px-4 py-2 font-medium text-white shadow-xs hover:bg-accent/90 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-night-accent dark:text-night";

export const secondaryButton =
  "inline-flex items-center justify-center rounded-lg border border-line bg-white px-4 py-2 font-medium hover:border-accent/50 disabled:opacity-60 dark:border-night-line dark:bg-night-raised";
