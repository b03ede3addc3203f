"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { UploadError } from "@/lib/browser/uploads/upload-queue";
import { formatBytes } from "./format";

const KNOWN = ["UNSUPPORTED_TYPE", "TOO_LARGE", "EMPTY_FILE", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "CONFLICT", "UNAUTHORIZED", "FORBIDDEN", "NETWORK_ERROR"] as const;
type KnownCode = (typeof KNOWN)[number];
const isKnown = (code: string): code is KnownCode => (KNOWN as readonly string[]).includes(code);

/** The pt-BR/en reason shown next to a refused or failed file. */
export function useUploadErrorText(maxBytes: number): (error: UploadError | null) => string {
  const t = useTranslations("batches.errorReason");
  const locale = useLocale();
  return useCallback(
    (error) => {
      if (!error) return "";
      if (isKnown(error.code)) return t(error.code, { limit: formatBytes(maxBytes, locale) });
      return error.message || t("generic", { message: error.code });
    },
    [t, locale, maxBytes],
  );
}
