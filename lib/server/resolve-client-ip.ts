import net from "node:net";

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is the IPv4 address `192.0.2.1`. */
function unwrapMappedIpv4(address: string): string {
  return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(address) ? address.slice(7) : address;
}

/** One X-Forwarded-For entry as an address: brackets and a port some proxies append are dropped; anything else is null. */
function parseForwardedEntry(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  return net.isIP(value) ? unwrapMappedIpv4(value.toLowerCase()) : null;
}

/**
 * The client's IP for one request. With no trusted proxy it is the socket's peer: a client can
 * write any X-Forwarded-For it likes, so the header is ignored. With `trustedHops` = N proxies in
 * front, each of which appends the address it received the request from, the N-th entry from the
 * right is the address the outermost trusted proxy saw; entries further left were written by the
 * client and are never used. A header with fewer entries (or an unreadable one at that position)
 * did not come through the whole chain, so the socket's address stands.
 */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string | null {
  const peer = socketAddress ? unwrapMappedIpv4(socketAddress) : null;
  if (trustedHops < 1 || forwardedFor === undefined) return peer;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  if (entries.length < trustedHops) return peer;
  return parseForwardedEntry(entries[entries.length - trustedHops]!) ?? peer;
}
