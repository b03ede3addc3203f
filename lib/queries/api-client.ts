/** Same-origin calls to /api/v1 from the browser (cookie session): JSON or multipart bodies, JSON answers; errors keep the API's code and details (shown through useErrorText). */

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** The answer's `details`: the message's parameters and a more specific `code`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type ApiResponse<T> = { data: T; status: number; headers: Headers };

/** A FormData body is sent as multipart (the browser writes its boundary); any other body as JSON. */
function encodeBody(body: unknown): { headers: Record<string, string>; body: BodyInit | undefined } {
  if (body === undefined) return { headers: {}, body: undefined };
  if (body instanceof FormData) return { headers: {}, body };
  return { headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

export async function apiRequest<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  const encoded = encodeBody(init.body);
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: { accept: "application/json", ...encoded.headers },
    body: encoded.body,
    signal: init.signal,
    credentials: "same-origin",
    cache: "no-store",
  });
  const text = await response.text();
  let payload: unknown = null;
  try {
    payload = text ? JSON.parse(text) : null;
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const body = (payload ?? {}) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(
      body.error ?? `HTTP_${response.status}`,
      body.message ?? response.statusText,
      response.status,
      body.details,
    );
  }
  return { data: payload as T, status: response.status, headers: response.headers };
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await apiRequest<T>(path, { signal })).data;
}

export async function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  return (await apiRequest<T>(path, { method: "POST", body })).data;
}

export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
