import Link from "next/link";

const links = [
  { href: "/moderation", label: "Signalements" },
  { href: "/moderation/journal", label: "Journal" },
  { href: "/moderation/importer", label: "Importer un article" },
] as const;

export function ModerationNav({ current }: { current: (typeof links)[number]["href"] }) {
  return (
    <nav
      aria-label="Modération"
      className="mb-8 flex flex-wrap gap-2 border-b border-line pb-3 text-sm dark:border-night-line"
    >
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={link.href === current ? "page" : undefined}
          className="rounded-lg px-3 py-1.5 font-medium text-muted hover:text-ink aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent dark:text-night-muted dark:aria-[current=page]:bg-night-line dark:aria-[current=page]:text-night-accent"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
