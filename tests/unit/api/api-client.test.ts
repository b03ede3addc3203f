import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiRequest } from "@/lib/queries/api-client";

// The browser's one request helper, with fetch replaced by a recorder (no network).
type Sent = { path: string; init: RequestInit };

function answerWith(response: Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit) => {
    sent.push({ path, init });
    return response;
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("apiRequest", () => {
  it("sends a FormData body as it is, without a content-type (the browser writes the multipart boundary)", async () => {
    const sent = answerWith(Response.json({ id: "x", status: "PENDING" }, { status: 202 }));
    const form = new FormData();
    form.set("file", new File(["SKU\r\nA-1\r\n"], "c.csv"));
    const { data, status } = await apiRequest<{ id: string }>("/api/v1/carteira/imports", {
      method: "POST",
      body: form,
    });
    expect(status).toBe(202);
    expect(data.id).toBe("x");
    expect(sent[0]?.init.body).toBe(form);
    expect(sent[0]?.init.headers).toEqual({ accept: "application/json" });
  });

  it("sends any other body as JSON", async () => {
    const sent = answerWith(Response.json({ runId: "r" }));
    await apiRequest("/api/v1/reconcile", { method: "POST", body: { batchId: "b" } });
    expect(sent[0]?.init.body).toBe('{"batchId":"b"}');
    expect(sent[0]?.init.headers).toEqual({ accept: "application/json", "content-type": "application/json" });
  });

  it("throws the answer's code, status and details as an ApiError", async () => {
    answerWith(
      Response.json(
        { error: "IMPORT_FAILED", message: "A importação falhou.", details: { status: "FAILED" } },
        { status: 422 },
      ),
    );
    const error: unknown = await apiRequest("/api/v1/carteira/imports", { method: "POST", body: new FormData() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "IMPORT_FAILED", status: 422, details: { status: "FAILED" } });
  });
});
