/**
 * The key per-host limits count by: the URL's authority (`host[:port]`, lowercased) read from the
 * stored text. The claim statement extracts it with the same pattern in SQL (`HOST_KEY_PATTERN`), so
 * the worker and the database always agree on which host a URL belongs to without parsing it.
 */
export const HOST_KEY_PATTERN = "^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^/?#]*)";

const HOST_KEY = new RegExp(HOST_KEY_PATTERN);

export function hostKeyOf(url: string): string {
  return (HOST_KEY.exec(url)?.[1] ?? "").toLowerCase();
}
