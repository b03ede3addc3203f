import OpenAI, { APIError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../../support/fake-openai-server";

/** The fake server's own contract, as other tests and the benchmark rely on it (real `openai` client). */
let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ask = (client: OpenAI, fileName: string) =>
  client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Answer in JSON." },
      { role: "user", content: `<dados>${JSON.stringify({ fileName, fields: ["cor"] })}</dados>` },
    ],
    response_format: { type: "json_object" },
  });

const statusOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: { status?: number }) => e.status ?? -1,
  );

describe("fake OpenAI server", () => {
  it("limits each key to its requests per minute, and a request after Retry-After passes", async () => {
    server = await startFakeOpenAiServer({ requestsPerMinute: 30 }); // bucket of 1, refilled every 2 s
    const a = new OpenAI({ apiKey: "sk-a", baseURL: server.url, maxRetries: 0 });
    const b = new OpenAI({ apiKey: "sk-b", baseURL: server.url, maxRetries: 0 });
    expect(await statusOf(ask(a, "1"))).toBe(200);
    const error = await ask(a, "2").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(429);
    expect(await statusOf(ask(b, "1"))).toBe(200); // another key has its own bucket
    const limited = server.requests.find((r) => r.status === 429)!;
    expect(limited.apiKey).toBe("sk-a");
    const retryAfter = Number((error as APIError).headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect(await statusOf(ask(a, "3"))).toBe(200);
  });

  it("fires a fault with `times` that often per file name, then answers normally", async () => {
    server = await startFakeOpenAiServer();
    const client = new OpenAI({ apiKey: "sk-a", baseURL: server.url, maxRetries: 0 });
    expect(await statusOf(ask(client, "x-falha-uma-vez.jpg"))).toBe(500);
    expect(await statusOf(ask(client, "x-falha-uma-vez.jpg"))).toBe(200);
    expect(await statusOf(ask(client, "y-falha-uma-vez.jpg"))).toBe(500);
    expect(server.chatRequests().map((r) => [r.fileName, r.marker, r.status])).toEqual([
      ["x-falha-uma-vez.jpg", "falha-uma-vez", 500],
      ["x-falha-uma-vez.jpg", "falha-uma-vez", 200],
      ["y-falha-uma-vez.jpg", "falha-uma-vez", 500],
    ]);
  });

  it("changes behaviour over HTTP for other processes and shows its request log", async () => {
    server = await startFakeOpenAiServer();
    const origin = server.url.replace(/\/v1$/, "");
    const client = new OpenAI({ apiKey: "sk-a", baseURL: server.url, maxRetries: 0 });
    await fetch(`${origin}/__fake/behaviour`, {
      method: "POST",
      body: JSON.stringify({ keys: { "sk-a": { kind: "status", status: 401 } } }),
    });
    expect(await statusOf(ask(client, "a.jpg"))).toBe(401);
    const log = (await (await fetch(`${origin}/__fake/requests`)).json()) as { apiKey: string; status: number }[];
    expect(log.map((r) => [r.apiKey, r.status])).toEqual([["sk-a", 401]]);
  });

  it("asks for the word json in JSON mode, like OpenAI", async () => {
    server = await startFakeOpenAiServer();
    const client = new OpenAI({ apiKey: "sk-a", baseURL: server.url, maxRetries: 0 });
    const status = await statusOf(
      client.chat.completions.create({
        model: "m",
        messages: [{ role: "user", content: "describe" }],
        response_format: { type: "json_object" },
      }),
    );
    expect(status).toBe(400);
  });
});
