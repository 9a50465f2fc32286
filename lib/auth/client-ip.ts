/**
 * The address a request came from, for rate limits. Behind a proxy that sets X-Forwarded-For,
 * its first entry is the client.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers): string {
  const read = (name: string) => {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = read("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || read("x-real-ip")?.trim() || "unknown";
}
