import ipaddr from "ipaddr.js";

/**
 * Which addresses a URL batch may fetch from (OWASP SSRF prevention). Only public unicast
 * addresses pass; everything ipaddr.js names a special range is refused: loopback, private
 * (RFC 1918), link-local (169.254.0.0/16 holds the cloud metadata address 169.254.169.254),
 * carrier-grade NAT (100.64.0.0/10, Alibaba's metadata 100.100.100.200), unique-local (fc00::/7, AWS's
 * fd00:ec2::254), multicast, broadcast, unspecified, reserved and documentation ranges, and the
 * IPv6 forms that embed an IPv4 address (6to4, Teredo, NAT64) — an IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d) is judged as the IPv4 address it carries, and the deprecated IPv4-compatible
 * form (::a.b.c.d) is refused.
 */
export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

export function classifyAddress(address: string): AddressVerdict {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return { allowed: false, range: "invalid" };
  }
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  // ::/96 (::169.254.169.254), the deprecated IPv4-compatible form: ipaddr.js calls it unicast.
  if (
    range === "unicast" &&
    parsed.kind() === "ipv6" &&
    (parsed as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)
  )
    return { allowed: false, range: "ipv4Compatible" };
  return range === "unicast" ? { allowed: true } : { allowed: false, range };
}

/** `URL_FETCH_ALLOW_HOSTS` entries: `host` (any port) or `host:port`, `[v6]:port` for IPv6. */
export type AllowedHost = { host: string; port: number | null };

export function parseAllowedHosts(value: string | undefined): AllowedHost[] {
  if (!value) return [];
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      if (v6) return { host: v6[1]!.toLowerCase(), port: v6[2] ? Number(v6[2]) : null };
      const [host, port] = entry.split(":");
      return { host: host!.toLowerCase(), port: port ? Number(port) : null };
    });
}

/** The URL's host and effective port, as the allow-list compares them. */
export function hostAndPort(url: URL): { host: string; port: number } {
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return { host: url.hostname.replace(/^\[|\]$/g, "").toLowerCase(), port };
}

export function isAllowListed(url: URL, allowed: readonly AllowedHost[]): boolean {
  const { host, port } = hostAndPort(url);
  return allowed.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
}
