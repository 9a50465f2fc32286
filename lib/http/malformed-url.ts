// C0 controls and DEL. PostgreSQL refuses NUL in text outright, and no slug, id, cursor or
// filter of ours may hold the others; tab and line breaks are allowed in query values, where a
// GET form's text may carry them.
const controlInPath = /[\u0000-\u001f\u007f]/;
const controlInQuery = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Why a URL cannot name anything Agora serves, or null when it may. Checked once, before
 * routing (proxy.ts): Next cannot decode a path with a stray `%` and answers 500, and a NUL that
 * reaches a query fails in PostgreSQL, wherever the value is looked up.
 */
export function malformedUrlReason(url: URL): string | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return "Cette adresse est mal formée (un «\u00a0%\u00a0» n’y est pas suivi de deux chiffres hexadécimaux).";
  }
  if (controlInPath.test(path)) return "Cette adresse contient des caractères de contrôle.";
  for (const [key, value] of url.searchParams) {
    if (controlInQuery.test(key) || controlInQuery.test(value))
      return "Un paramètre de cette adresse contient des caractères de contrôle.";
  }
  return null;
}
