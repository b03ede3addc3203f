import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFromHeaders } from "@/lib/auth/client-ip";

describe("clientIpFromHeaders", () => {
  it("reads only the header the server sets from the socket", () => {
    expect(clientIpFromHeaders(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIpFromHeaders({ [CLIENT_IP_HEADER]: "::1" })).toBe("::1");
    expect(clientIpFromHeaders({ [CLIENT_IP_HEADER]: ["192.0.2.1", "192.0.2.2"] })).toBe("192.0.2.1");
  });

  it("never believes X-Forwarded-For or X-Real-IP", () => {
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "1.2.3.4, 10.0.0.1" }))).toBe("unknown");
    expect(clientIpFromHeaders({ "x-real-ip": "5.6.7.8" })).toBe("unknown");
    expect(clientIpFromHeaders({})).toBe("unknown");
  });
});
