import Link from "next/link";

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="font-serif text-3xl font-semibold">Page introuvable</h1>
      <p className="mt-3 text-muted dark:text-night-muted">Cette page n’existe pas ou a été déplacée.</p>
      <p className="mt-6">
        <Link
          href="/"
          className="font-medium text-accent underline-offset-4 hover:underline dark:text-night-accent"
        >
          Revenir aux discussions
        </Link>
      </p>
    </div>
  );
}
