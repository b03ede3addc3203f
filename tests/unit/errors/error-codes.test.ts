import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, errorParams, type ErrorCode } from "@/lib/errors/error-codes";
import { LOCALES } from "@/lib/i18n/config";
import { errorText, type ErrorTranslator } from "@/lib/i18n/error-text";
import { getMessages } from "@/lib/i18n/messages";

const ROOT = path.resolve(__dirname, "../../..");
const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

function translator(locale: (typeof LOCALES)[number]): ErrorTranslator {
  return createTranslator({ locale, messages: getMessages(locale), namespace: "errors" }) as unknown as ErrorTranslator;
}

/** ICU argument names of a message (`{limit}`, `{sku}`). */
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

describe("error code list", () => {
  it.each(LOCALES)("every code has a message in %s whose arguments are the code's parameters", (locale) => {
    const messages = getMessages(locale).errors as unknown as Record<string, string>;
    for (const code of CODES) {
      expect(typeof messages[code], `errors.${code} in ${locale}`).toBe("string");
      expect(placeholders(messages[code]!), `errors.${code} in ${locale}`).toEqual(
        Object.keys(errorParams(code)).sort(),
      );
    }
  });

  it.each(LOCALES)("the client renders every code in %s with its own message, never the generic one", (locale) => {
    const t = translator(locale);
    const unknown = t("unknown", { code: "X" });
    for (const code of CODES) {
      const params = Object.fromEntries(
        Object.entries(errorParams(code)).map(([name, kind]) => [name, kind === "text" ? "X" : 2]),
      );
      const text = errorText(t, { code, message: "texto do servidor" }, { formatBytes: (n) => `${n} B`, params });
      expect(text, code).not.toBe("texto do servidor");
      expect(text, code).not.toBe(unknown);
      expect(text, code).not.toContain("errors.");
      expect(text, code).not.toMatch(/NaN|—|\{/);
    }
  });

  it("HTTP statuses are error statuses, and reasons carry none", () => {
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      if (spec.status !== null) expect(spec.status, code).toBeGreaterThanOrEqual(400);
    }
    expect(ERROR_CODES.UNAUTHENTICATED.status).toBe(401);
    expect(ERROR_CODES.NO_SKU_COLUMN.status).toBe(422);
  });

  it("every code the source sends or stores is in the list", () => {
    // Server: ApiError codes and `details.code` reasons; browser: the upload queue's own codes.
    const patterns = [
      /new ApiError\(\s*"([A-Z_]+)"/g,
      /\{ code: "([A-Z_]+)"/g,
      /new UploadSendError\(\s*"([A-Z_]+)"/g,
      /markFailed\([^,]+, "([A-Z_]+)"/g,
      /new (?:CarteiraParseError|ImageAnalysisError)\(\s*"([A-Z_]+)"/g,
    ];
    const files = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")];
    const found = new Set<string>();
    for (const file of files) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[1]!);
    }
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter((code) => !(code in ERROR_CODES))).toEqual([]);
  });
});
