import type { ReactNode } from "react";

export function AuthCard({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">{title}</h1>
      <div className="mt-6 rounded-xl border border-line bg-white p-6 shadow-xs dark:border-night-line dark:bg-night-raised">
        {children}
      </div>
      {footer && <div className="mt-4 text-center text-sm text-muted dark:text-night-muted">{footer}</div>}
    </div>
  );
}
