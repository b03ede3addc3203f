/**
 * The Images API of the fake OpenAI server: `POST /v1/images/generations` answering `b64_json`
 * PNGs (a small image of colour blocks drawn from the prompt and a counter: every reply has its own bytes).
 * Faults by a marker in the prompt:
 *   gerar-recusa          400 content_policy_violation (the provider's reason in the message)
 *   gerar-sem-dados       200 with `data: []`
 *   gerar-base64-invalido 200 with a b64_json that is not base64
 *   gerar-png-texto       200 with valid base64 of plain text
 *   gerar-lento           answers after 5 s (a timeout test sets a shorter request timeout)
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import sharp from "sharp";

export const CONTENT_POLICY_MESSAGE =
  "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.";

let counter = Math.floor(Math.random() * 0xffffff);

/**
 * A 48×32 PNG of its own for every reply: blocks of colour drawn from the prompt and a per-process
 * counter (random start), so two replies never share bytes or a perceptual hash, within one run or
 * against another spec's photos.
 */
async function uniquePng(prompt: string): Promise<Buffer> {
  counter = (counter + 7919) % 0xffffff;
  const seed = createHash("sha256").update(`${counter}|${prompt}`).digest();
  const [width, height, block] = [48, 32, 8];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const cell = ((Math.floor(y / block) * (width / block) + Math.floor(x / block)) * 3) % (seed.length - 2);
      pixels.set([seed[cell]!, seed[cell + 1]!, seed[cell + 2]!], (y * width + x) * 3);
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export type ImageFaultReply = { status: number; body: unknown } | null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reply for one image request's prompt (after the key checks the server already made). */
export async function imagesReply(
  body: Record<string, unknown>,
  latencyMs: number,
): Promise<{ status: number; body: unknown }> {
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  if (!prompt || typeof body.model !== "string")
    return {
      status: 400,
      body: { error: { message: "prompt and model are required", type: "invalid_request_error", code: null } },
    };
  if (latencyMs > 0) await sleep(latencyMs);
  if (prompt.includes("gerar-lento")) await sleep(5000);
  const created = Math.floor(Date.now() / 1000);
  if (prompt.includes("gerar-recusa"))
    return {
      status: 400,
      body: {
        error: {
          message: CONTENT_POLICY_MESSAGE,
          type: "image_generation_user_error",
          param: null,
          code: "content_policy_violation",
        },
      },
    };
  if (prompt.includes("gerar-sem-dados")) return { status: 200, body: { created, data: [] } };
  if (prompt.includes("gerar-base64-invalido"))
    return { status: 200, body: { created, data: [{ b64_json: "%%% isto não é base64 %%%" }] } };
  if (prompt.includes("gerar-png-texto"))
    return {
      status: 200,
      body: { created, data: [{ b64_json: Buffer.from("Isto é texto, não um PNG.").toString("base64") }] },
    };
  const png = await uniquePng(prompt);
  return {
    status: 200,
    body: {
      created,
      data: [{ b64_json: png.toString("base64"), revised_prompt: `Revisado: ${prompt.slice(0, 200)}` }],
      usage: { input_tokens: 10, output_tokens: 100, total_tokens: 110 },
    },
  };
}

export async function handleImages(
  req: IncomingMessage,
  res: ServerResponse,
  readJson: (req: IncomingMessage) => Promise<Record<string, unknown>>,
  latencyMs: number,
  onPrompt: (prompt: string | null, model: string | null) => void,
): Promise<void> {
  const body = await readJson(req);
  onPrompt(typeof body.prompt === "string" ? body.prompt : null, typeof body.model === "string" ? body.model : null);
  const reply = await imagesReply(body, latencyMs);
  if (res.destroyed) return;
  const payload = Buffer.from(JSON.stringify(reply.body));
  res.writeHead(reply.status, { "content-type": "application/json", "content-length": payload.length });
  res.end(payload);
}
