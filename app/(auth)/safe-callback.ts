// Only the path matters: any fixed origin works as the base, and none of the site's settings do.
const base = new URL("https://agora.invalid");

// Tabs, newlines and other controls are dropped by browsers inside URLs ("/\t/evil" becomes
// "//evil"); non-ASCII and encoded slashes or controls may be decoded again further on.
// Refusing them outright is simpler than proving each decoding safe.
const suspicious = /[^\x21-\x7e]|\\|%(?:2f|5c|0[0-9a-f]|1[0-9a-f]|7f)/i;

/**
 * Where to go after signing in or up: a path on this site, or "/" for anything else. A crafted
 * link must not send a member elsewhere once they trust the page they signed in on.
 */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || suspicious.test(raw)) return "/";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into a protocol-relative path: "/a/../..//evil" resolves to "//evil".
  if (url.origin !== base.origin || !path.startsWith("/") || path.startsWith("//")) return "/";
  return path;
}
