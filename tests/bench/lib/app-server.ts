// What the HTTP benchmarks share: the production server on embedded defaults in a fresh data
// directory, an API token, multipart uploads sent with node:http (the load generator should cost the
// machine as little as a browser on another machine would), a bounded pool and percentiles.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/db/embedded-postgres";

export const BENCH_ADMIN = { email: "bench@vitrine.local", password: "bench-senha-123" };

export type BenchServer = {
  base: string;
  token: string;
  auth: { authorization: string };
  process: ChildProcess;
  stop: () => Promise<void>;
};

export function ensureProductionBuild(): void {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID")))
    execFileSync("npx", ["next", "build"], { stdio: "inherit" });
}

/**
 * `scripts/start.ts start` with `env` over the embedded defaults; resolves once /api/v1/health
 * answers as `isReady` wants (default: 200) and a token is issued.
 */
export async function startBenchServer(
  env: Record<string, string> = {},
  options: { isReady?: (health: Response) => boolean | Promise<boolean> } = {},
): Promise<BenchServer> {
  const isReady = options.isReady ?? ((health: Response) => health.ok);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-"));
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "start"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        VITRINE_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(await findFreePort()),
        ADMIN_EMAIL: BENCH_ADMIN.email,
        ADMIN_PASSWORD: BENCH_ADMIN.password,
        LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
        LOG_FORMAT: "json",
        // One token sends every request: its hourly quota is off; the per-IP flood guard stays on.
        API_RATE_LIMIT_TOKEN_PER_HOUR: "0",
        ...env,
      },
      // BENCH_SERVER_LOG=<file>: the server's JSON log, to see why a request failed (BENCH_SERVER_LOG_LEVEL: debug for more).
      stdio: [
        "ignore",
        process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, "w") : "ignore",
        "inherit",
      ],
    },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 600 || child.exitCode !== null) throw new Error("server did not start");
      const ok = await fetch(`${base}/api/v1/health`)
        .then(isReady)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const response = await fetch(`${base}/api/v1/auth/token`, {
      method: "POST",
      body: JSON.stringify(BENCH_ADMIN),
      headers: { "content-type": "application/json" },
    });
    const { token } = (await response.json()) as { token: string };
    return { base, token, auth: { authorization: `Bearer ${token}` }, process: child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** JSON request with the token; throws with the answer when the status is not 2xx. */
export async function apiJson<T>(server: BenchServer, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.base}${route}`, {
    method,
    headers: { ...server.auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function multipartBody(files: { name: string; bytes: Buffer }[]): { body: Buffer[]; boundary: string; length: number } {
  const boundary = `----vitrine-bench-${crypto.randomUUID()}`;
  const body: Buffer[] = [];
  for (const { name, bytes } of files) {
    body.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="uploadId"\r\n\r\n${name.replace(/[^A-Za-z0-9_-]/g, "_")}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      bytes,
      Buffer.from("\r\n"),
    );
  }
  body.push(Buffer.from(`--${boundary}--\r\n`));
  return { body, boundary, length: body.reduce((sum, part) => sum + part.length, 0) };
}

/** One file to POST /api/v1/batches/{id}/files, as the browser queue sends a large one. */
export function postMultipart(
  agent: http.Agent,
  url: URL,
  token: string,
  name: string,
  bytes: Buffer,
): Promise<{ status: number; body: string }> {
  return postMultipartFiles(agent, url, token, [{ name, bytes }]);
}

/** Several files in one POST /api/v1/batches/{id}/files (uploadId and file per file), as the browser queue groups small ones. */
export function postMultipartFiles(
  agent: http.Agent,
  url: URL,
  token: string,
  files: { name: string; bytes: Buffer }[],
): Promise<{ status: number; body: string }> {
  const { body, boundary, length } = multipartBody(files);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    for (const part of body) request.write(part);
    request.end();
  });
}

/** Same pixels, new bytes: a JPEG COM segment right after SOI (a distinct sha256 per copy). */
export function uniqueJpegCopy(jpeg: Buffer, n: number): Buffer {
  const text = Buffer.from(`vitrine-bench-${n}`);
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  text.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}
