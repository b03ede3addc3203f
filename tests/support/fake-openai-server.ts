/**
 * A local stand-in for the OpenAI HTTP API, good enough for the real `openai` 6.x client pointed at
 * `url` (`baseURL`). Bound to 127.0.0.1. Implemented:
 *   POST /v1/chat/completions   response_format json_schema / json_object; a valid vision reply built
 *                               from the request (fake-openai-server-replies.ts), `usage`, x-ratelimit-* headers
 *   POST /v1/files              multipart upload (purpose batch)      GET /v1/files/{id}/content
 *   POST /v1/batches            GET /v1/batches/{id}, GET /v1/batches (list), POST /v1/batches/{id}/cancel
 *   POST /v1/images/generations the Images API: b64_json PNGs, faults by a marker in the prompt (fake-images-api.ts)
 *   GET  /__fake/requests       the request log as JSON; POST /__fake/behaviour merges a behaviour
 *                               (for e2e and benchmarks, where the server runs in another process)
 * Limits are per API key and quantised per second like OpenAI's: a token bucket that holds one
 * second of `requestsPerMinute` (at least one request) refilled continuously; beyond it 429 with
 * `Retry-After` (whole seconds, rounded up). Faults by API key (`keys`, or the sk-invalid/
 * sk-forbidden/sk-quota prefixes) and by a marker in the photo's file name (`faults`).
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  buildContentReply,
  buildTextReadingReply,
  buildVisionReply,
  DEFAULT_KEY_FAULTS,
  DEFAULT_MARKER_FAULTS,
  describeChatRequest,
  findMarker,
  formatResetDuration,
  parseMultipart,
  usageFor,
  type ChatRequestInfo,
  type FakeFault,
} from "./fake-openai-server-replies";
import { handleImages } from "./fake-images-api";

export type { FakeFault } from "./fake-openai-server-replies";

export interface FakeOpenAiBehaviour {
  /** Delay before every chat completion answer. */
  latencyMs: number;
  /** Per API key; null = unlimited. */
  requestsPerMinute: number | null;
  /** Per API key, counted on prompt + completion tokens; null = unlimited. */
  tokensPerMinute: number | null;
  /** json_schema requests get 400 (servers without structured output); json_object works. */
  jsonModeOnly: boolean;
  /** false: /v1/batches answers 404 (compatible servers without the Batch API). */
  batchApi: boolean;
  /** GETs of a batch before it is completed (the first GETs report in_progress). */
  batchPollsToComplete: number;
  /** When set, a batch completes this long after creation instead (polls do not count). */
  batchCompleteAfterMs: number | null;
  /** How a batch ends; `expired` keeps the output of the first half of its requests. */
  batchOutcome: "completed" | "failed" | "expired";
  /** Exact API key → fault (overrides the prefix defaults). Setting `keys` restarts their `times` counts. */
  keys: Record<string, FakeFault>;
  /** Marker → fault, merged over DEFAULT_MARKER_FAULTS. Setting `faults` restarts the markers' `times` counts. */
  faults: Record<string, FakeFault>;
}

export type FakeOpenAiOptions = Partial<FakeOpenAiBehaviour> & { port?: number };

export interface RecordedRequest {
  /** Date.now() when the request arrived. */
  at: number;
  method: string;
  path: string;
  apiKey: string | null;
  model: string | null;
  fileName: string | null;
  /** The fault marker found in the file name, if any. */
  marker: string | null;
  responseFormat: ChatRequestInfo["responseFormat"] | null;
  imageDetail: string | null;
  /** Length of the image data URL sent (the model never needs the original). */
  imageUrlLength: number | null;
  /** prompt + completion tokens of the reply sent (null when none was). */
  totalTokens: number | null;
  /** Filled when answered; null while pending or for a hung request. */
  status: number | null;
  /** The Retry-After (seconds) sent with the answer, if any: benchmarks count requests sent before it expired. */
  retryAfterSeconds: number | null;
  /** Content requests: their data block and system text (what the model was told), and how many images came. */
  content: { data: Record<string, unknown> | null; systemText: string; userText: string; imageCount: number } | null;
  /** Image generation requests: the prompt sent. */
  prompt: string | null;
}

export interface FakeOpenAiServer {
  /** Base URL including /v1: the client's `baseURL`. */
  url: string;
  requests: RecordedRequest[];
  behaviour(): FakeOpenAiBehaviour;
  setBehaviour(change: Partial<FakeOpenAiBehaviour>): void;
  /** Chat completion requests only. */
  chatRequests(): RecordedRequest[];
  /** Images API requests only. */
  imageRequests(): RecordedRequest[];
  /** A batch's status as a poll would answer it now (without counting as a poll), or null when unknown. */
  batchStatus(batchId: string): string | null;
  close(): Promise<void>;
}

const DEFAULTS: FakeOpenAiBehaviour = {
  latencyMs: 0,
  requestsPerMinute: null,
  tokensPerMinute: null,
  jsonModeOnly: false,
  batchApi: true,
  batchPollsToComplete: 2,
  batchCompleteAfterMs: null,
  batchOutcome: "completed",
  keys: {},
  faults: {},
};

/** Reported when no limit is configured (like a generous tier). */
const UNLIMITED_REQUESTS = 10_000;
const UNLIMITED_TOKENS = 10_000_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Bucket = { tokens: number; updatedAt: number };

/** A token bucket holding one second of `perMinute` (at least `minimum`), refilled continuously. */
class Limiter {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, perMinute: number, amount: number, minimum: number, now: number): { ok: boolean; waitMs: number } {
    const capacity = Math.max(minimum, perMinute / 60);
    const ratePerMs = perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= amount) {
      bucket.tokens -= amount;
      return { ok: true, waitMs: 0 };
    }
    return { ok: false, waitMs: (amount - bucket.tokens) / ratePerMs };
  }

  /** Time until the bucket is full again. */
  resetMs(key: string, perMinute: number, minimum: number, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const capacity = Math.max(minimum, perMinute / 60);
    const tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * (perMinute / 60_000));
    return (capacity - tokens) / (perMinute / 60_000);
  }
}

type StoredFile = { id: string; filename: string; purpose: string; content: Buffer; createdAt: number };
type StoredBatch = {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  metadata: unknown;
  createdAt: number;
  polls: number;
  outputFileId: string | null;
  errorFileId: string | null;
  finishedStatus: "completed" | "failed" | "expired" | "cancelled" | null;
  cancelledAt: number | null;
  counts: { total: number; completed: number; failed: number };
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": payload.length, ...headers });
  res.end(payload);
}

function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(
    res,
    error.status,
    { error: { message: error.message, type: error.type, param: error.param, code: error.code } },
    error.headers,
  );
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, "We could not parse the JSON body of your request.", "invalid_request_error");
}

function faultError(fault: Extract<FakeFault, { kind: "status" }>): HttpError {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  const type =
    fault.status === 401 || fault.status === 403
      ? "invalid_request_error"
      : fault.code === "insufficient_quota"
        ? "insufficient_quota"
        : fault.status === 429
          ? "requests"
          : "server_error";
  const message =
    fault.message ??
    (fault.status === 401
      ? "Incorrect API key provided."
      : fault.code === "insufficient_quota"
        ? "You exceeded your current quota, please check your plan and billing details."
        : fault.status === 429
          ? "Rate limit reached for requests."
          : "The server had an error while processing your request.");
  return new HttpError(
    fault.status,
    message,
    type,
    fault.code ?? (fault.status === 429 ? "rate_limit_exceeded" : null),
    null,
    headers,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAiServer(options: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
  const { port = 0, ...initial } = options;
  let behaviour: FakeOpenAiBehaviour = { ...DEFAULTS, ...initial };
  const requests: RecordedRequest[] = [];
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  const requestLimiter = new Limiter();
  const tokenLimiter = new Limiter();
  /** How often a fault with `times` fired, by key or marker+file name. */
  const faultCounts = new Map<string, number>();
  const newId = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;

  /** Setting keys or faults starts their `times` counts afresh. */
  function applyBehaviour(change: Partial<FakeOpenAiBehaviour>): void {
    behaviour = { ...behaviour, ...change };
    for (const countKey of [...faultCounts.keys()]) {
      if ((change.keys && countKey.startsWith("key|")) || (change.faults && countKey.startsWith("marker|"))) {
        faultCounts.delete(countKey);
      }
    }
  }

  /** Applies a fault with `times` at most that often; null once used up. */
  function takeFault(fault: FakeFault | undefined, countKey: string): FakeFault | null {
    if (!fault) return null;
    if (fault.times === undefined) return fault;
    const used = faultCounts.get(countKey) ?? 0;
    if (used >= fault.times) return null;
    faultCounts.set(countKey, used + 1);
    return fault;
  }

  function keyFault(apiKey: string): FakeFault | null {
    const explicit = behaviour.keys[apiKey];
    if (explicit) return takeFault(explicit, `key|${apiKey}`);
    const prefix = Object.keys(DEFAULT_KEY_FAULTS).find((p) => apiKey.startsWith(p));
    return prefix ? takeFault(DEFAULT_KEY_FAULTS[prefix], `key|${apiKey}`) : null;
  }

  function markerFault(info: ChatRequestInfo): { marker: string | null; fault: FakeFault | null } {
    const faults = { ...DEFAULT_MARKER_FAULTS, ...behaviour.faults };
    const marker = findMarker(info, Object.keys(faults));
    if (!marker) return { marker: null, fault: null };
    return { marker, fault: takeFault(faults[marker], `marker|${marker}|${info.fileName ?? ""}`) };
  }

  function rateLimitHeaders(apiKey: string, now: number): Record<string, string> {
    const rpm = behaviour.requestsPerMinute;
    const tpm = behaviour.tokensPerMinute;
    const minuteAgo = now - 60_000;
    const recent = requests.filter((r) => r.apiKey === apiKey && r.at > minuteAgo && r.path.endsWith("/completions"));
    return {
      "x-ratelimit-limit-requests": String(rpm ?? UNLIMITED_REQUESTS),
      "x-ratelimit-remaining-requests": String(Math.max(0, (rpm ?? UNLIMITED_REQUESTS) - recent.length)),
      "x-ratelimit-reset-requests": formatResetDuration(rpm ? requestLimiter.resetMs(apiKey, rpm, 1, now) : 0),
      "x-ratelimit-limit-tokens": String(tpm ?? UNLIMITED_TOKENS),
      "x-ratelimit-remaining-tokens": String(
        Math.max(0, (tpm ?? UNLIMITED_TOKENS) - recent.reduce((sum, r) => sum + (r.totalTokens ?? 0), 0)),
      ),
      "x-ratelimit-reset-tokens": formatResetDuration(tpm ? tokenLimiter.resetMs(apiKey, tpm, 1, now) : 0),
    };
  }

  /** The reply content for a chat request, or the fault to answer with. */
  function chatContent(info: ChatRequestInfo, fault: FakeFault | null): string {
    if (info.isContent && fault?.kind !== "not_json" && fault?.kind !== "missing_fields")
      return JSON.stringify(buildContentReply(info, { emptyDescription: fault?.kind === "empty_description" }));
    if (info.isTextReading && fault?.kind !== "not_json") return JSON.stringify(buildTextReadingReply(info));
    if (fault?.kind === "not_json") return "Desculpe, não consigo descrever esta imagem agora.";
    if (fault?.kind === "missing_fields") return JSON.stringify({ descricao: "Vestido azul", tags: ["vestido"] });
    return JSON.stringify(buildVisionReply(info, fault?.kind === "pieces" ? fault.count : 1));
  }

  function completionBody(info: ChatRequestInfo, content: string, refusal: string | null = null) {
    const usage = usageFor(info, content);
    return {
      id: newId("chatcmpl"),
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: info.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: refusal === null ? content : null, refusal },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      system_fingerprint: "fp_fake",
    };
  }

  /** Checks the request shape like OpenAI does; throws the 400 it would answer. */
  function validateChat(body: Record<string, unknown>, info: ChatRequestInfo): void {
    if (!info.model) throw new HttpError(400, "you must provide a model parameter", "invalid_request_error");
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      throw new HttpError(
        400,
        "'messages' must contain at least one message",
        "invalid_request_error",
        null,
        "messages",
      );
    }
    if (info.responseFormat === "json_schema" && behaviour.jsonModeOnly) {
      throw new HttpError(
        400,
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        "invalid_request_error",
        null,
        "response_format",
      );
    }
    if (info.responseFormat === "json_object" && !/json/i.test(`${info.systemText}\n${info.userText}`)) {
      throw new HttpError(
        400,
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        "invalid_request_error",
        null,
        "messages",
      );
    }
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse, apiKey: string, record: RecordedRequest) {
    const body = parseJson(await readBody(req));
    const info = describeChatRequest(body);
    const { marker, fault } = markerFault(info);
    Object.assign(record, {
      model: info.model,
      fileName: info.fileName,
      marker,
      responseFormat: info.responseFormat,
      imageDetail: info.imageDetail,
      imageUrlLength: info.imageUrls[0]?.length ?? null,
      content: info.isContent
        ? { data: info.data, systemText: info.systemText, userText: info.userText, imageCount: info.imageUrls.length }
        : null,
    });
    const now = record.at;
    if (behaviour.requestsPerMinute) {
      const taken = requestLimiter.take(apiKey, behaviour.requestsPerMinute, 1, 1, now);
      if (!taken.ok) {
        throw new HttpError(
          429,
          `Rate limit reached for requests on ${info.model}: Limit ${behaviour.requestsPerMinute} / min.`,
          "requests",
          "rate_limit_exceeded",
          null,
          { "retry-after": String(Math.max(1, Math.ceil(taken.waitMs / 1000))), ...rateLimitHeaders(apiKey, now) },
        );
      }
    }
    validateChat(body, info);
    const content = chatContent(info, fault);
    const refusal = info.isContent && fault?.kind === "refusal" ? "Não posso ajudar com esse pedido." : null;
    const completion = completionBody(info, content, refusal);
    if (behaviour.tokensPerMinute) {
      const taken = tokenLimiter.take(apiKey, behaviour.tokensPerMinute, completion.usage.total_tokens, 1, now);
      if (!taken.ok) {
        throw new HttpError(
          429,
          `Rate limit reached for tokens on ${info.model}.`,
          "tokens",
          "rate_limit_exceeded",
          null,
          {
            "retry-after": String(Math.max(1, Math.ceil(taken.waitMs / 1000))),
            ...rateLimitHeaders(apiKey, now),
          },
        );
      }
    }
    if (fault?.kind === "hang") return "hang" as const;
    if (fault?.kind === "status") throw faultError(fault);
    if (behaviour.latencyMs > 0) await sleep(behaviour.latencyMs);
    if (res.destroyed) return;
    record.totalTokens = completion.usage.total_tokens;
    sendJson(res, 200, completion, {
      "x-request-id": newId("req"),
      "openai-processing-ms": String(behaviour.latencyMs),
      ...rateLimitHeaders(apiKey, now),
    });
  }

  /** One JSONL output line per request of the batch, through the same reply logic as chat completions. */
  function runBatch(batch: StoredBatch): void {
    const input = files.get(batch.inputFileId)!.content.toString("utf8");
    const lines = input.split("\n").filter((line) => line.trim() !== "");
    const keep = behaviour.batchOutcome === "expired" ? Math.floor(lines.length / 2) : lines.length;
    const output: string[] = [];
    const errors: string[] = [];
    for (const line of lines.slice(0, keep)) {
      const request = JSON.parse(line) as { custom_id: string; body: Record<string, unknown> };
      const info = describeChatRequest(request.body);
      const { fault } = markerFault(info);
      const id = newId("batch_req");
      if (fault?.kind === "status" || fault?.kind === "hang") {
        const status = fault.kind === "status" ? fault.status : 500;
        const error = { message: "The server had an error while processing your request.", type: "server_error" };
        errors.push(
          JSON.stringify({
            id,
            custom_id: request.custom_id,
            response: { status_code: status, body: { error } },
            error: null,
          }),
        );
        batch.counts.failed += 1;
        continue;
      }
      const body = completionBody(info, chatContent(info, fault));
      output.push(
        JSON.stringify({
          id,
          custom_id: request.custom_id,
          response: { status_code: 200, request_id: id, body },
          error: null,
        }),
      );
      batch.counts.completed += 1;
    }
    const store = (content: string[]) => {
      if (content.length === 0) return null;
      const file: StoredFile = {
        id: newId("file"),
        filename: `${batch.id}_output.jsonl`,
        purpose: "batch_output",
        content: Buffer.from(content.join("\n") + "\n"),
        createdAt: Date.now(),
      };
      files.set(file.id, file);
      return file.id;
    };
    if (behaviour.batchOutcome !== "failed") {
      batch.outputFileId = store(output);
      batch.errorFileId = store(errors);
    }
    batch.finishedStatus = behaviour.batchOutcome;
  }

  function batchView(batch: StoredBatch) {
    const elapsed = Date.now() - batch.createdAt;
    const isDue =
      behaviour.batchCompleteAfterMs !== null
        ? elapsed >= behaviour.batchCompleteAfterMs
        : batch.polls >= behaviour.batchPollsToComplete;
    if (isDue && batch.finishedStatus === null) runBatch(batch);
    const status = batch.finishedStatus ?? (batch.polls === 0 ? "validating" : "in_progress");
    const seconds = (ms: number) => Math.floor(ms / 1000);
    return {
      id: batch.id,
      object: "batch",
      endpoint: batch.endpoint,
      errors:
        status === "failed" ? { object: "list", data: [{ code: "server_error", message: "Batch failed." }] } : null,
      input_file_id: batch.inputFileId,
      completion_window: batch.completionWindow,
      status,
      output_file_id: batch.outputFileId,
      error_file_id: batch.errorFileId,
      created_at: seconds(batch.createdAt),
      in_progress_at: status === "validating" ? null : seconds(batch.createdAt),
      expires_at: seconds(batch.createdAt + 24 * 3600_000),
      finalizing_at: batch.finishedStatus ? seconds(Date.now()) : null,
      completed_at: status === "completed" ? seconds(Date.now()) : null,
      failed_at: status === "failed" ? seconds(Date.now()) : null,
      expired_at: status === "expired" ? seconds(Date.now()) : null,
      cancelling_at: batch.cancelledAt === null ? null : seconds(batch.cancelledAt),
      cancelled_at: batch.cancelledAt === null ? null : seconds(batch.cancelledAt),
      request_counts: batch.counts,
      metadata: batch.metadata ?? null,
    };
  }

  function fileView(file: StoredFile) {
    return {
      id: file.id,
      object: "file",
      bytes: file.content.length,
      created_at: Math.floor(file.createdAt / 1000),
      filename: file.filename,
      purpose: file.purpose,
      status: "processed",
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<"hang" | void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (path === "/__fake/requests" && req.method === "GET") return sendJson(res, 200, requests);
    if (path === "/__fake/behaviour" && req.method === "POST") {
      applyBehaviour(parseJson(await readBody(req)) as Partial<FakeOpenAiBehaviour>);
      return sendJson(res, 200, behaviour);
    }
    const auth = req.headers.authorization ?? "";
    const apiKey = auth.startsWith("Bearer ") ? auth.slice("Bearer ".length) : null;
    record.apiKey = apiKey;
    if (!apiKey) throw new HttpError(401, "You didn't provide an API key.", "invalid_request_error", null);
    const fault = keyFault(apiKey);
    if (fault?.kind === "status") throw faultError(fault);
    if (path === "/v1/chat/completions" && req.method === "POST") return handleChat(req, res, apiKey, record);
    if (path === "/v1/images/generations" && req.method === "POST")
      return handleImages(
        req,
        res,
        async (r) => parseJson(await readBody(r)),
        behaviour.latencyMs,
        (prompt, model) => Object.assign(record, { prompt, model }),
      );
    if (path.startsWith("/v1/batches") && !behaviour.batchApi) {
      throw new HttpError(404, `Invalid URL (${req.method} ${path})`, "invalid_request_error");
    }
    if (path === "/v1/files" && req.method === "POST") {
      const parts = parseMultipart(await readBody(req), req.headers["content-type"] ?? "");
      const filePart = parts.find((p) => p.name === "file");
      const purpose = parts.find((p) => p.name === "purpose")?.data.toString("utf8");
      if (!filePart || !purpose) throw new HttpError(400, "Missing file or purpose.", "invalid_request_error");
      const file: StoredFile = {
        id: newId("file"),
        filename: filePart.filename ?? "upload",
        purpose,
        content: filePart.data,
        createdAt: Date.now(),
      };
      files.set(file.id, file);
      return sendJson(res, 200, fileView(file));
    }
    const fileContent = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (fileContent && req.method === "GET") {
      const file = files.get(fileContent[1]!);
      if (!file) throw new HttpError(404, `No such File object: ${fileContent[1]}`, "invalid_request_error");
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.content.length });
      return void res.end(file.content);
    }
    if (path === "/v1/batches" && req.method === "POST") {
      const body = parseJson(await readBody(req));
      const input = files.get(String(body.input_file_id));
      if (!input || input.purpose !== "batch") {
        throw new HttpError(400, "input_file_id must be a file with purpose batch.", "invalid_request_error");
      }
      if (body.endpoint !== "/v1/chat/completions") {
        throw new HttpError(400, "Unsupported endpoint for this fake.", "invalid_request_error", null, "endpoint");
      }
      const total = input.content
        .toString("utf8")
        .split("\n")
        .filter((l) => l.trim() !== "").length;
      const batch: StoredBatch = {
        id: newId("batch"),
        inputFileId: input.id,
        endpoint: body.endpoint,
        completionWindow: String(body.completion_window ?? "24h"),
        metadata: body.metadata,
        createdAt: Date.now(),
        polls: 0,
        outputFileId: null,
        errorFileId: null,
        finishedStatus: null,
        cancelledAt: null,
        counts: { total, completed: 0, failed: 0 },
      };
      batches.set(batch.id, batch);
      return sendJson(res, 200, batchView(batch));
    }
    if (path === "/v1/batches" && req.method === "GET") {
      return sendJson(res, 200, { object: "list", data: [...batches.values()].map(batchView), has_more: false });
    }
    const batchPath = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (batchPath && req.method === "GET") {
      const batch = batches.get(batchPath[1]!);
      if (!batch) throw new HttpError(404, `No batch found with id '${batchPath[1]}'.`, "invalid_request_error");
      batch.polls += 1;
      return sendJson(res, 200, batchView(batch));
    }
    // A batch cancelled before it ran has no output (the requests it had not run are not billed).
    const cancelPath = /^\/v1\/batches\/([^/]+)\/cancel$/.exec(path);
    if (cancelPath && req.method === "POST") {
      const batch = batches.get(cancelPath[1]!);
      if (!batch) throw new HttpError(404, `No batch found with id '${cancelPath[1]}'.`, "invalid_request_error");
      if (batch.finishedStatus === null) {
        batch.finishedStatus = "cancelled";
        batch.cancelledAt = Date.now();
      }
      return sendJson(res, 200, batchView(batch));
    }
    throw new HttpError(404, `Invalid URL (${req.method} ${path})`, "invalid_request_error");
  }

  const server = createServer((req, res) => {
    const record: RecordedRequest = {
      at: Date.now(),
      method: req.method ?? "GET",
      path: new URL(req.url ?? "/", "http://127.0.0.1").pathname,
      apiKey: null,
      model: null,
      fileName: null,
      marker: null,
      responseFormat: null,
      imageDetail: null,
      imageUrlLength: null,
      totalTokens: null,
      status: null,
      retryAfterSeconds: null,
      content: null,
      prompt: null,
    };
    if (!record.path.startsWith("/__fake/")) requests.push(record);
    res.on("finish", () => {
      record.status = res.statusCode;
      const retryAfter = res.getHeader("retry-after");
      if (retryAfter !== undefined) record.retryAfterSeconds = Number(retryAfter);
    });
    route(req, res, record).then(
      (outcome) => {
        if (outcome === "hang") req.resume(); // keep the socket open, never answer
      },
      (error: unknown) => {
        if (res.headersSent) return void res.destroy();
        if (error instanceof HttpError) return sendError(res, error);
        sendError(res, new HttpError(500, String(error), "server_error"));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/v1`,
    requests,
    behaviour: () => behaviour,
    setBehaviour: applyBehaviour,
    chatRequests: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    imageRequests: () => requests.filter((r) => r.path === "/v1/images/generations"),
    batchStatus: (batchId) => {
      const batch = batches.get(batchId);
      return batch ? batchView(batch).status : null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
