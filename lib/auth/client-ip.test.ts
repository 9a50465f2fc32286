import { describe, expect, it } from "vitest";
import { clientAddressHeader, clientIp, resolveClientAddress, trustedProxyList } from "./client-ip";

describe("the client's address", () => {
  it("is the connection's, whatever X-Forwarded-For says, when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", null)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", "198.51.100.1, 10.0.0.1", null)).toBe("203.0.113.9");
  });

  it("is read from X-Forwarded-For past trusted proxies only, from the right", () => {
    const proxies = trustedProxyList(["10.0.0.0/8", "fd00::/8"]);
    expect(resolveClientAddress("10.0.0.2", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // The client wrote its own X-Forwarded-For first: the proxy appended the real address.
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.5", proxies)).toBe("198.51.100.1");
    expect(resolveClientAddress("fd00::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
    // A request straight from the outside is its connection's address.
    expect(resolveClientAddress("198.51.100.9", "1.2.3.4", proxies)).toBe("198.51.100.9");
    // Behind a trusted proxy, garbage ends what can be believed.
    expect(resolveClientAddress("10.0.0.2", "not-an-ip", proxies)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
  });

  it("is read only from the header server.ts stamps, never from X-Forwarded-For", () => {
    expect(clientIp({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "1.2.3.4" })).toBeNull();
    expect(clientIp(new Headers({ [clientAddressHeader]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp({ [clientAddressHeader]: "not an address" })).toBeNull();
  });
});
