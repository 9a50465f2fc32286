export function SiteFooter() {
  return (
    <footer className="border-t border-line text-sm text-muted dark:border-night-line dark:text-night-muted">
      <div className="mx-auto max-w-3xl px-4 py-6 sm:px-6">
        Agora — un lieu pour lire, débattre et écrire ensemble.
      </div>
    </footer>
  );
}
