import { describe, expect, it } from "vitest";
import { resolveClientIp } from "@/lib/server/resolve-client-ip";

describe("resolveClientIp", () => {
  it.each([
    // [socket, X-Forwarded-For, TRUST_PROXY, expected]
    ["127.0.0.1", undefined, 0, "127.0.0.1"],
    ["::ffff:127.0.0.1", undefined, 0, "127.0.0.1"],
    ["::1", undefined, 0, "::1"],
    // No proxy trusted: whatever the client writes is ignored.
    ["10.0.0.5", "203.0.113.9", 0, "10.0.0.5"],
    ["10.0.0.5", "198.51.100.7, 203.0.113.9", 0, "10.0.0.5"],
    // One proxy: the entry it appended (rightmost); the client's own entries to the left are not believed.
    ["10.0.0.5", "203.0.113.9", 1, "203.0.113.9"],
    ["10.0.0.5", "198.51.100.7, 203.0.113.9", 1, "203.0.113.9"],
    ["10.0.0.5", "198.51.100.7,203.0.113.9", 1, "203.0.113.9"],
    // Two proxies: the second from the right.
    ["10.0.0.5", "198.51.100.7, 203.0.113.9, 10.0.0.4", 2, "203.0.113.9"],
    // Fewer entries than trusted hops: the request did not come through the whole chain.
    ["10.0.0.5", "203.0.113.9", 2, "10.0.0.5"],
    ["10.0.0.5", undefined, 1, "10.0.0.5"],
    ["10.0.0.5", "", 1, "10.0.0.5"],
    // Unreadable at the trusted position: the socket stands (never a header value passed on as an IP).
    ["10.0.0.5", "198.51.100.7, not-an-ip", 1, "10.0.0.5"],
    ["10.0.0.5", "198.51.100.7, 203.0.113.9\r\nx-evil: 1", 1, "10.0.0.5"],
    // Forms some proxies write: a port, brackets, IPv4-mapped IPv6, upper case.
    ["10.0.0.5", "203.0.113.9:4711", 1, "203.0.113.9"],
    ["10.0.0.5", "[2001:DB8::1]:4711", 1, "2001:db8::1"],
    ["10.0.0.5", "2001:db8::1", 1, "2001:db8::1"],
    ["10.0.0.5", "::ffff:203.0.113.9", 1, "203.0.113.9"],
    [undefined, undefined, 0, null],
  ] as const)("socket %s, X-Forwarded-For %j, TRUST_PROXY=%i → %s", (socket, forwarded, hops, expected) => {
    expect(resolveClientIp(socket, forwarded, hops)).toBe(expected);
  });

  it("reads repeated X-Forwarded-For headers as one list", () => {
    expect(resolveClientIp("10.0.0.5", ["198.51.100.7", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });
});
