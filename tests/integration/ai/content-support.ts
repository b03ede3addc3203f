// Shared set-up of the AI content tests: route calls with a token, and the fake server's content requests.
import type { FakeOpenAiServer, RecordedRequest } from "../../support/fake-openai-server";
import { jsonRequest, params } from "./runs-support";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export async function call<P>(
  handler: Handler<P>,
  headers: Record<string, string>,
  path: string,
  routeParams: P,
  body?: unknown,
  method = "POST",
): Promise<{ status: number; body: Record<string, unknown> }> {
  const request =
    method === "GET"
      ? new Request(`http://localhost${path}`, { headers })
      : jsonRequest(headers, path, body ?? {}, method);
  const response = await handler(request, params(routeParams));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The content requests the fake server received since `from` (an index into its log). */
export function contentRequests(fake: FakeOpenAiServer, from = 0): RecordedRequest[] {
  return fake.requests.slice(from).filter((r) => r.content !== null);
}
