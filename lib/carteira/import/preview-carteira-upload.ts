import "server-only";
import { runParseTask, configuredLimits } from "@/lib/carteira/parse-worker/run-parse-task";
import type { CarteiraPreview, ImportForm } from "./schemas";
import { precheckCarteiraFile } from "./start-carteira-import";

/** Header row, mapping, first rows and duplicates of an upload, parsed in the bounded parse worker. */
export async function previewCarteiraUpload(input: {
  bytes: Uint8Array;
  fileName: string;
  form: Pick<ImportForm, "sheets" | "mapping">;
}): Promise<CarteiraPreview> {
  precheckCarteiraFile(input.bytes, input.fileName);
  return runParseTask<CarteiraPreview>({
    kind: "preview",
    input: {
      bytes: input.bytes,
      filename: input.fileName,
      sheets: input.form.sheets,
      mappingOverride: input.form.mapping,
      limits: configuredLimits(),
    },
  });
}
