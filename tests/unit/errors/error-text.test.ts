import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatBytes } from "@/components/batches/format";
import type { AppLocale } from "@/lib/i18n/config";
import { errorText, type ErrorTranslator } from "@/lib/i18n/error-text";
import { getMessages } from "@/lib/i18n/messages";
import { ApiError as ClientApiError } from "@/lib/queries/api-client";
import { UploadSendError } from "@/lib/browser/uploads/upload-queue";

function render(locale: AppLocale, error: unknown, params?: Record<string, unknown>) {
  const t = createTranslator({
    locale,
    messages: getMessages(locale),
    namespace: "errors",
  }) as unknown as ErrorTranslator;
  return errorText(t, error, { formatBytes: (n) => formatBytes(n, locale), params });
}

describe("errorText", () => {
  it("shows a photo's stored failure code in the reader's language, not the stored pt-BR text", () => {
    const photo = {
      code: "IMAGE_CORRUPT",
      message: "Imagem corrompida ou incompleta: não foi possível decodificar o arquivo.",
    };
    expect(render("en", photo)).toBe("Corrupt or incomplete image: the file could not be decoded.");
    expect(render("pt-BR", photo)).toBe("Imagem corrompida ou incompleta: não foi possível decodificar o arquivo.");
  });

  it("shows a server action's permission refusal in English", () => {
    const result = { ok: false, code: "FORBIDDEN", message: "Seu perfil não tem permissão para esta ação." };
    expect(render("en", result)).toBe("Your role is not allowed to do this.");
  });

  it("renders the more specific details.code with its parameters", () => {
    const conflict = {
      code: "CONFLICT",
      message: "O SKU AUR26-1005 já existe.",
      details: { code: "SKU_TAKEN", sku: "AUR26-1005" },
    };
    expect(render("en", conflict)).toBe("SKU AUR26-1005 already exists.");
    expect(render("pt-BR", conflict)).toBe("O SKU AUR26-1005 já existe.");
  });

  it("keeps to the answer's own code when the specific reason came without its parameters", () => {
    const transition = {
      code: "CONFLICT",
      details: { code: "INVALID_STATUS_TRANSITION", from: "APROVADO", to: "PENDENTE", count: 2 },
    };
    expect(render("en", transition)).toBe(
      "Status change not allowed: APROVADO → PENDENTE (2 photos); nothing was changed.",
    );
    expect(render("en", { code: "CONFLICT", details: { code: "INVALID_STATUS_TRANSITION" } })).toBe(
      "This conflicts with the current state. Reload the page and try again.",
    );
  });

  it("renders a carteira row issue from its code and parameters; an old issue without parameters keeps its text", () => {
    const issue = {
      code: "INVALID_NUMBER",
      message: 'Valor "abc" na coluna "PREÇO" não é um número; campo ignorado.',
      details: { value: "abc", column: "PREÇO" },
    };
    expect(render("en", issue)).toBe('Value "abc" in column "PREÇO" is not a number; field ignored.');
    expect(render("en", { code: "DUPLICATE_SKU", message: 'SKU "A-1" repetido no arquivo (linha 2, linha 5).' })).toBe(
      'SKU "A-1" repetido no arquivo (linha 2, linha 5).',
    );
  });

  it("formats a size parameter in the reader's locale", () => {
    expect(render("en", { code: "TOO_LARGE", message: "" }, { limit: 1.5 * 1024 * 1024 })).toBe(
      "File larger than the 1.5 MB limit.",
    );
    expect(render("pt-BR", { code: "TOO_LARGE", message: "" }, { limit: 1.5 * 1024 * 1024 })).toBe(
      "Arquivo maior que o limite de 1,5 MB.",
    );
  });

  it("renders thrown errors by their code: the API client's ApiError and the upload queue's errors", () => {
    expect(render("en", new ClientApiError("UNAUTHENTICATED", "Autenticação necessária.", 401))).toBe(
      "Session expired: sign in again.",
    );
    expect(render("en", new ClientApiError("CONFLICT", "…", 409, { code: "BATCH_NOT_ACCEPTING" }))).toBe(
      "The batch no longer accepts files.",
    );
    expect(render("en", new UploadSendError("NETWORK_ERROR", "Falha de rede", true))).toBe(
      "Network failure after several tries.",
    );
  });

  it("falls back to a generic message naming an unknown code, and shows a stored text that has no code", () => {
    expect(render("en", { code: "HTTP_502", message: "Bad Gateway" })).toBe(
      "The operation could not be completed (HTTP_502).",
    );
    expect(render("en", new TypeError("Failed to fetch"))).toBe("The operation could not be completed (TypeError).");
    expect(render("en", { code: null, message: "Falha antiga gravada em texto." })).toBe(
      "Falha antiga gravada em texto.",
    );
    expect(render("en", null)).toBe("");
  });
});
