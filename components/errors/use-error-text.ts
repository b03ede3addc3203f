"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { formatBytes } from "@/components/batches/format";
import { errorText, type ErrorTranslator } from "@/lib/i18n/error-text";

/**
 * The one way the UI shows an error: any API answer, action result, upload error, photo failure
 * or caught error becomes `errors.<CODE>` in the reader's language, with its parameters.
 * `params` are values the caller knows when the answer lacks them (e.g. the upload size limit).
 */
export function useErrorText(params?: Record<string, unknown>): (error: unknown) => string {
  const t = useTranslations("errors") as unknown as ErrorTranslator;
  const locale = useLocale();
  return useCallback(
    (error: unknown) => errorText(t, error, { formatBytes: (n) => formatBytes(n, locale), params }),
    [t, locale, params],
  );
}
