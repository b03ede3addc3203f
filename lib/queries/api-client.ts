/** Same-origin JSON calls to /api/v1 from the browser (cookie session); errors keep the API's code and details (shown through useErrorText). */

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

export type ApiResponse<T> = { data: T; headers: Headers };

export async function apiRequest<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers:
      init.body === undefined
        ? { accept: "application/json" }
        : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
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
  return { data: payload as T, headers: response.headers };
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
