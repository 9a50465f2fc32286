/**
 * Redirects a permanent link to where its target lives now, with a relative Location: the
 * browser resolves it against the address it used, whatever the server believes its own
 * name to be (behind a proxy, `request.url` says http://localhost:PORT).
 */
export function permalinkRedirect(path: string): Response {
  // Only a path of this site: "//host" would be resolved as another site.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\"))
    throw new Error(`A permalink must lead to a path of this site, not ${JSON.stringify(path)}`);
  return new Response(null, { status: 307, headers: { location: path } });
}
