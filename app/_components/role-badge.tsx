const labels = { moderator: "Modération", admin: "Administration" } as const;

export function RoleBadge({ role }: { role: string }) {
  if (role !== "moderator" && role !== "admin") return null;
  return (
    <span className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent dark:bg-night-line dark:text-night-accent">
      {labels[role]}
    </span>
  );
}
