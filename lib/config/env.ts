import path from "node:path";
import { z } from "zod";

/** Every environment variable Vitrine reads, validated once. `.env.example` documents them. */
const booleanFromString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  VITRINE_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  NEXTAUTH_URL: optionalString.pipe(z.url().optional()),
  /** Public URL of the app when it differs from NEXTAUTH_URL (an extra allowed Origin). */
  APP_URL: optionalString.pipe(z.url().optional()),
  /**
   * How many reverse proxies stand in front of the app. 0 (default): no proxy header is believed —
   * the client IP is the socket's address and the allowed Origin comes from NEXTAUTH_URL/APP_URL only.
   * N ≥ 1: the client IP is the N-th address from the right of X-Forwarded-For (each trusted proxy
   * appends one), and X-Forwarded-Host/X-Forwarded-Proto set by the nearest proxy are believed.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(8, "must be at least 8 characters").optional()),
  BLOB_READ_WRITE_TOKEN: optionalString,
  /** The Blob API's address when not Vercel's (a local store in tests); `@vercel/blob` reads it too. */
  VERCEL_BLOB_API_URL: optionalString.pipe(z.url().optional()),
  /**
   * Origin Vercel Blob calls back when a direct upload completes (lib/batches/direct-upload); the
   * same variable `@vercel/blob` reads. Unset: APP_URL, else NEXTAUTH_URL; the browser's confirm
   * records the file when the store cannot reach that address (a local run).
   */
  VERCEL_BLOB_CALLBACK_URL: optionalString.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_API_KEYS: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  /** Long side (px) of the JPEG sent to the vision model, made from the original by sharp (never the original). */
  AI_IMAGE_LONG_SIDE: z.coerce.number().int().min(256).max(4096).default(1024),
  /** The vision model's image detail: low = 85 tokens a photo; high/auto = 512 px tiles (dearer, finer). */
  AI_DETAIL: z.enum(["low", "high", "auto"]).default("low"),
  /** The detail of the model's text reading (setting photoTextReader "model"): small print needs the 512 px tiles. */
  AI_TEXT_DETAIL: z.enum(["low", "high", "auto"]).default("high"),
  /** One vision call gives up (kind "timeout", retried by the run) after this long. */
  AI_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /**
   * Prices in USD per 1M tokens, merged over the defaults of lib/ai/provider/pricing.ts, e.g.
   * {"gpt-4o-mini":{"input":0.15,"output":0.6}}. A model is priced by its longest matching name prefix.
   */
  AI_PRICES: optionalString.pipe(
    z
      .string()
      .transform((raw, ctx) => {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: "must be JSON" });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string().min(1), z.object({ input: z.number().min(0), output: z.number().min(0) })))
      .optional(),
  ),
  ENCRYPTION_KEY: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /**
   * Rotation of the master key that encrypts AI provider keys (lib/ai/keys/encryption.ts): the number
   * naming ENCRYPTION_KEY (rows store it as `keyVersion`); ENCRYPTION_KEY_PREVIOUS is the key before
   * it (version − 1), read only to decrypt rows not yet re-sealed by `npm run ai:rotate-key`.
   */
  ENCRYPTION_KEY_VERSION: z.coerce.number().int().min(1).max(1_000_000).default(1),
  ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /** Per AI provider key pacing defaults (a key's own requestsPerMinute/tokensPerMinute win), shared by every process through PostgreSQL. */
  AI_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(500),
  AI_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).default(200_000),
  /** Requests one key may start at once; beyond, they are spaced 60 s ÷ its requests/min apart (providers count a minute's limit over seconds). */
  AI_REQUEST_BURST: z.coerce.number().int().min(1).max(1000).default(1),
  /** Which carteira SKUs a photo is matched against: its batch's collection (seed default), its brand, or all. */
  MATCH_SCOPE: z.enum(["collection", "brand", "all"]).default("collection"),
  WORKERS_IN_APP: booleanFromString.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** An image job whose worker died is retried after this long (its claim lease is 3/4 of it). */
  IMAGE_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Most photos one AI run may take (a bigger selection is refused with AI_RUN_TOO_LARGE). */
  AI_RUN_MAX_IMAGES: z.coerce.number().int().min(1).default(100_000),
  /**
   * Photos of AI runs analysed at once per worker process (each waits on the provider, not the CPU).
   * 16: a vision call takes ~2–5 s, so ~200–480 requests/min — about one key's default limit, which
   * the key pool's pacing enforces anyway; 4 left a key at half its pace.
   */
  AI_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /**
   * The same while photos are being ingested (lib/ai/runs/ingest-priority.ts): ingestion comes
   * first, a run goes on slowly beside it. 2: bench:ai measured ingest beside a full-pace run at
   * 0.62–0.75 of its speed alone.
   */
  AI_CONCURRENCY_WHILE_INGESTING: z.coerce.number().int().min(1).max(256).default(2),
  /** Attempts per photo on retryable provider errors (5xx, timeout, network, 429) before it fails. */
  AI_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  /** An AI run job whose worker died is retried after this long; a photo's claim lease is 3/4 of it. */
  AI_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  /** Economy mode: how often a run asks the provider whether its batches are done. */
  AI_BATCH_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Image generation (lib/generation, seed 003): the Images API model and size when a job names none. */
  GENERATION_MODEL: z.string().min(1).default("gpt-image-1"),
  GENERATION_SIZE: z.string().min(1).default("1024x1024"),
  /** One image request gives up after this long (seed 003: 90 s). */
  GENERATION_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(90),
  /** Attempts per image on 5xx, timeout and network errors (401/403/429 rotate keys and do not count). */
  GENERATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** Images one generation job requests at once (its lanes share the key pool's pacing). */
  GENERATION_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** A generation job whose worker died is retried after this long; an image's claim lease is 3/4 of it. */
  GENERATION_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** Prompt files: largest file (bytes, enforced while it streams), longest prompt, images per prompt and per job, prompts per job. */
  GENERATION_PROMPT_FILE_MAX_BYTES: z.coerce.number().int().min(1).default(1_048_576),
  GENERATION_PROMPT_MAX_CHARS: z.coerce.number().int().min(1).default(8000),
  GENERATION_MAX_QUANTITY: z.coerce.number().int().min(1).default(100),
  GENERATION_MAX_IMAGES: z.coerce.number().int().min(1).default(1000),
  GENERATION_MAX_PROMPTS: z.coerce.number().int().min(1).default(500),
  /** USD per generated image, for the per-key cost stats. */
  GENERATION_IMAGE_PRICE_USD: z.coerce.number().min(0).default(0.04),
  /**
   * URL batches (lib/url-fetch): hosts fetched without the private-address check — `host` or
   * `host:port`, comma or space separated — for on-premise sources (and the tests' local server).
   */
  URL_FETCH_ALLOW_HOSTS: z.string().optional(),
  URL_FETCH_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  /** A whole download (headers and body) that takes longer is given up. */
  URL_FETCH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  URL_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  // URL batches: fetching the chunks (lib/batches/url-chunks).
  /** Downloads one chunk job runs at once (a worker process runs two chunk jobs). */
  URL_FETCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Downloads one worker process runs at once from one host (`host:port`), whatever the chunk. */
  URL_FETCH_PER_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Polite delay between two downloads starting from one host in a worker process (0: none). */
  URL_FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  /** A chunk job whose worker died is retried after this long; a URL held that long by a worker is fetched again. */
  URL_CHUNK_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(3600).default(900),
  // Export jobs (lib/export/jobs): very large exports written into blob storage by a worker.
  /** From this many rows the export menu offers "gerar em segundo plano" (a job) beside the streamed download. */
  EXPORT_JOB_MIN_ROWS: z.coerce.number().int().min(1).default(200_000),
  /** A job's file is kept this long, then deleted (its download answers 410 EXPORT_JOB_EXPIRED). */
  EXPORT_JOB_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(24),
  /** A RUNNING export job silent (no progress written) this long is taken over and run again from scratch. */
  EXPORT_JOB_STALL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // URL lists (lib/batches/url-list): limits enforced while the list streams.
  /** Largest URL list file (CSV/TXT) a batch may be created from; beyond, 413 URL_LIST_TOO_LARGE. */
  URL_LIST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  /** Most non-empty lines (URLs) of one list; beyond, 413 URL_LIST_TOO_MANY_LINES and nothing is kept. */
  URL_LIST_MAX_LINES: z.coerce.number().int().min(1).default(1_000_000),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024),
  /** Carteira XLSX/ODS: most bytes all zip entries may inflate to, counted while inflating (a 100k-row XLSX is ~60 MB). */
  CARTEIRA_MAX_UNZIPPED_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(300 * 1024 * 1024),
  /** V8 heap of the worker thread that parses one carteira (a 200k-row XLSX parses within 512 MB). */
  CARTEIRA_PARSE_MAX_MEMORY_MB: z.coerce.number().int().min(64).max(16384).default(1024),
  CARTEIRA_PARSE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["pretty", "json"]).optional(),
  PASSWORD_HASH_COST: z.coerce.number().int().min(4).max(15).default(12),
  /**
   * Failed logins per account that cost nothing (an IP gets 4×); each further failure doubles the
   * wait before the next attempt (1 s, 2 s, 4 s …) up to LOGIN_MAX_DELAY_SECONDS. Failures are
   * forgotten LOGIN_WINDOW_SECONDS after the first of a series, or at a successful login (account).
   */
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(15 * 60),
  LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 60 * 60),
  // Text on the photo (OCR, lib/ai/text/ocr)
  /** Tesseract languages read on photos, joined with "+"; each needs its @tesseract.js-data/<code> npm package. */
  OCR_LANGS: z
    .string()
    .regex(/^[a-z_]{3,16}(\+[a-z_]{3,16})*$/, 'must be language codes joined with "+", e.g. por+eng')
    .default("por+eng"),
  /** Long side (px) of the grey copy read by OCR and the barcode reader, made from the original in the OCR child. */
  OCR_LONG_SIDE: z.coerce.number().int().min(500).max(4096).default(2000),
  /** OCR of one photo gives up (OCR_TIMEOUT; the OCR child is restarted) after this long. */
  OCR_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** Resident memory bound of the OCR child; past it the child ends itself and the photo fails with OCR_MEMORY. */
  OCR_MAX_MEMORY_MB: z.coerce.number().int().min(256).max(16384).default(1024),
  /** Largest JSON request body (bytes) a route reads unless it asks for more; beyond it, 413. */
  JSON_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** API requests per API token per hour (seed 004's 1,000); 0 turns the per-token limit off. */
  API_RATE_LIMIT_TOKEN_PER_HOUR: z.coerce.number().int().min(0).default(1000),
  /** API requests per client IP per minute, whatever the credentials (a flood guard far above what the UI sends); 0 turns it off. */
  API_RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(10_000),
  // Text on the photo (lib/ai/text/candidates).
  /** Text/barcode candidates at or above this score are highlighted and may be validated all at once (seed 002's 0.82). */
  ANALYSIS_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.82),
  /** Most text/barcode candidates kept per photo. */
  ANALYSIS_MAX_CANDIDATES: z.coerce.number().int().min(1).max(50).default(5),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; isEmbeddedDatabase: boolean };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid environment variable ${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; the error names the first offending variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? "?"), issue.message);
  }
  const env = result.data;
  return {
    ...env,
    dataDir: path.resolve(env.VITRINE_DATA_DIR),
    isEmbeddedDatabase: env.DATABASE_URL === undefined,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
