"use client";

import { useMemo } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import type { UploadError } from "@/lib/browser/uploads/upload-queue";

/** The reason shown next to a refused or failed file, in the reader's language (the size limit is this batch's). */
export function useUploadErrorText(maxBytes: number): (error: UploadError | null) => string {
  const params = useMemo(() => ({ limit: maxBytes }), [maxBytes]);
  return useErrorText(params);
}
