import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-line bg-paper/90 backdrop-blur dark:border-night-line dark:bg-night/90">
      <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="group flex items-baseline gap-2 rounded-sm" aria-label="Agora, accueil">
          <span className="font-serif text-2xl font-semibold tracking-tight text-ink dark:text-night-ink">
            Agora
          </span>
          <span className="hidden text-sm text-muted sm:inline dark:text-night-muted">
            débattre des idées, point par point
          </span>
        </Link>
        <nav aria-label="Navigation principale" className="text-sm">
          <Link
            href="/"
            className="rounded-sm px-2 py-1 text-muted hover:text-ink dark:text-night-muted dark:hover:text-night-ink"
          >
            Discussions
          </Link>
        </nav>
      </div>
    </header>
  );
}
