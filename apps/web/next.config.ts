import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Next reads this at build and start; telemetry must never try to reach the network.
process.env.NEXT_TELEMETRY_DISABLED = "1";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `pnpm typecheck` runs tsc over the whole app; NEXT_SKIP_TYPECHECK=1 avoids doing it twice (e.g. in CI)
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  // workspace packages ship TypeScript source
  transpilePackages: ["@basegun/api", "@basegun/auth", "@basegun/db", "@basegun/domain", "@basegun/ml", "@basegun/queue", "@basegun/storage"],
  // native or dynamically-required server packages: loaded from node_modules at run time, not bundled
  serverExternalPackages: ["sharp", "onnxruntime-node", "bullmq", "ioredis", "@prisma/client", "@prisma/adapter-pg", "pg", "pino", "bcryptjs"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), geolocation=(), microphone=()" },
        ],
      },
      {
        // API answers are data, never documents: nothing in them may run or be framed (pages get their
        // nonce-based policy from src/proxy.ts)
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" }],
      },
    ];
  },
};

export default withNextIntl(config);
