import { describe, expect, it } from "vitest";
import { classifyAddress, isAllowListed, parseAllowedHosts } from "@/lib/url-fetch/address-policy";

// The classifier is judged on addresses alone: nothing here opens a connection.
describe("classifyAddress: only public unicast addresses may be fetched", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["169.254.169.254", "linkLocal"], // AWS/GCP/Azure metadata
    ["fe80::1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.100.100.200", "carrierGradeNat"], // Alibaba metadata
    ["fd00:ec2::254", "uniqueLocal"], // AWS metadata over IPv6
    ["fc00::1", "uniqueLocal"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["192.0.0.192", "reserved"], // Oracle metadata
    ["198.18.0.1", "reserved"],
    ["203.0.113.9", "reserved"],
    ["240.0.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["fec0::1", "deprecatedSiteLocal"],
    ["2002:7f00:1::", "6to4"],
    ["2001::1", "teredo"],
    ["64:ff9b::7f00:1", "rfc6052"], // NAT64 of 127.0.0.1
  ])("refuses %s (%s)", (address, range) => {
    expect(classifyAddress(address)).toEqual({ allowed: false, range });
  });

  it("judges an IPv4-mapped IPv6 address as the IPv4 address it carries", () => {
    expect(classifyAddress("::ffff:127.0.0.1")).toEqual({ allowed: false, range: "loopback" });
    expect(classifyAddress("[::ffff:169.254.169.254]")).toEqual({ allowed: false, range: "linkLocal" });
    expect(classifyAddress("0:0:0:0:0:ffff:a00:1")).toEqual({ allowed: false, range: "private" });
    expect(classifyAddress("::ffff:8.8.8.8")).toEqual({ allowed: true });
  });

  it("refuses the deprecated IPv4-compatible form, which ipaddr.js calls unicast", () => {
    expect(classifyAddress("::a9fe:a9fe")).toEqual({ allowed: false, range: "ipv4Compatible" });
  });

  it("lets public unicast addresses through, IPv4 and IPv6", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "151.101.1.69", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])
      expect(classifyAddress(address)).toEqual({ allowed: true });
  });

  it("refuses what is not an address", () => {
    expect(classifyAddress("example.com")).toEqual({ allowed: false, range: "invalid" });
  });
});

describe("URL_FETCH_ALLOW_HOSTS", () => {
  const allowed = parseAllowedHosts("127.0.0.1:4100, fotos.interno.local [::1]:4200");

  it("parses host and host:port entries, IPv6 in brackets", () => {
    expect(allowed).toEqual([
      { host: "127.0.0.1", port: 4100 },
      { host: "fotos.interno.local", port: null },
      { host: "::1", port: 4200 },
    ]);
    expect(parseAllowedHosts(undefined)).toEqual([]);
  });

  it("matches the host and, when given, the port (the scheme's default otherwise)", () => {
    expect(isAllowListed(new URL("http://127.0.0.1:4100/a.jpg"), allowed)).toBe(true);
    expect(isAllowListed(new URL("http://127.0.0.1:4101/a.jpg"), allowed)).toBe(false);
    expect(isAllowListed(new URL("http://127.0.0.1/a.jpg"), allowed)).toBe(false);
    expect(isAllowListed(new URL("https://FOTOS.interno.local/x.png"), allowed)).toBe(true);
    expect(isAllowListed(new URL("http://[::1]:4200/x.png"), allowed)).toBe(true);
    expect(isAllowListed(new URL("http://localhost:4100/x.png"), allowed)).toBe(false);
  });
});
