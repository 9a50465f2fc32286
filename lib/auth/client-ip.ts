import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { getEnv } from "../env";

/**
 * Set by server.ts on every request from the connection it arrived on, replacing whatever a
 * client sent under that name: route handlers, server actions and next-auth see only headers,
 * and X-Forwarded-For is whatever the client chose to write.
 */
export const clientAddressHeader = "x-agora-client-address";

/** "::ffff:203.0.113.5" and "203.0.113.5" are one client. */
function normalize(address: string): string | null {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const plain =
    trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(plain) ? plain.toLowerCase() : null;
}

/** The trusted proxies of AGORA_TRUSTED_PROXIES (addresses or CIDR ranges). */
export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

const isTrusted = (list: BlockList, address: string) =>
  list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client's address: the connection's own, unless it comes from a trusted proxy, in which
 * case X-Forwarded-For is read from the right (the entries proxies appended) past every
 * trusted hop; the leftmost entries are the client's to forge and are never believed.
 */
export function resolveClientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList | null,
): string | null {
  let client = remoteAddress ? normalize(remoteAddress) : null;
  if (!client || !trusted || !isTrusted(trusted, client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",");
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normalize(hops[index] ?? "");
    // A malformed entry ends what can be believed: the last trusted hop is the client we know.
    if (!hop) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

const globalForProxies = globalThis as { __agoraTrustedProxies?: BlockList | null };

function configuredProxies(): BlockList | null {
  if (globalForProxies.__agoraTrustedProxies === undefined) {
    const entries = getEnv().AGORA_TRUSTED_PROXIES;
    globalForProxies.__agoraTrustedProxies = entries.length ? trustedProxyList(entries) : null;
  }
  return globalForProxies.__agoraTrustedProxies;
}

/** A connection's client address as the configured proxies let it be known (sockets, say). */
export function clientAddressOf(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
): string | null {
  return resolveClientAddress(remoteAddress, forwardedFor, configuredProxies());
}

/** Called by server.ts before Next sees the request. */
export function stampClientAddress(request: IncomingMessage): void {
  const address = resolveClientAddress(
    request.socket.remoteAddress,
    request.headers["x-forwarded-for"],
    configuredProxies(),
  );
  if (address) request.headers[clientAddressHeader] = address;
  else delete request.headers[clientAddressHeader];
}

/**
 * The address a request came from, for rate limits, as server.ts stamped it; null when the
 * request did not come through server.ts (then no per-address limit can be trusted).
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers): string | null {
  const value = headers instanceof Headers ? headers.get(clientAddressHeader) : headers[clientAddressHeader];
  const address = Array.isArray(value) ? value[0] : value;
  return address ? normalize(address) : null;
}
