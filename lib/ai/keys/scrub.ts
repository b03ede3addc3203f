/**
 * Removes anything key-like from a text before it is stored or shown (a provider's error message
 * may echo the key: "Incorrect API key provided: sk-proj-…"): the known secrets verbatim, `sk-…`
 * tokens, Bearer credentials and any long run of key characters.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("[chave]");
  return out
    .replace(/\bsk-[A-Za-z0-9_*-]{4,}/g, "sk-…")
    .replace(/\b(Bearer\s+)[^\s"']+/gi, "$1[chave]")
    .replace(/[A-Za-z0-9_-]{32,}/g, "[chave]");
}
