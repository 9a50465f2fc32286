export function SiteFooter() {
  return (
    <footer className="border-t border-line text-sm text-muted dark:border-night-line dark:text-night-muted">
      {/* As wide as the header and the thread page, so the three line up. */}
      <div className="mx-auto max-w-3xl px-4 py-6 sm:px-6 lg:max-w-[79rem]">
        <p>Agora — un lieu pour lire, débattre et écrire ensemble.</p>
      </div>
    </footer>
  );
}
