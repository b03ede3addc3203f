import { z } from "zod";

/**
 * App-wide settings (AppSetting rows, one per key), each with its zod schema and default. A key
 * without a row has its default; a stored value that no longer parses falls back to it too.
 */
export const APP_SETTING_SCHEMAS = {
  /**
   * Auto-link a photo without a product to the SKU whose carteira EAN equals a barcode read on it
   * (check digit valid, exactly one SKU in the photo's scope). Off: nothing is linked without a person.
   */
  autoLinkExactBarcode: z.boolean(),
  /**
   * Who reads the text on a photo in a run's "texto" step: the local OCR (offline, free) or, when a
   * model run has a key, the vision model (finer on small print, one call a photo). Barcodes are
   * always decoded locally.
   */
  photoTextReader: z.enum(["local", "model"]),
} as const;

export type AppSettings = {
  -readonly [K in keyof typeof APP_SETTING_SCHEMAS]: z.infer<(typeof APP_SETTING_SCHEMAS)[K]>;
};
export type AppSettingKey = keyof AppSettings;

export const APP_SETTING_DEFAULTS: AppSettings = { autoLinkExactBarcode: false, photoTextReader: "local" };

/** PATCH /api/v1/settings and the settings panel: any subset of the keys, nothing else. */
export const appSettingsPatchSchema = z
  .strictObject({
    autoLinkExactBarcode: APP_SETTING_SCHEMAS.autoLinkExactBarcode.optional(),
    photoTextReader: APP_SETTING_SCHEMAS.photoTextReader.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Informe ao menos uma configuração." });
export type AppSettingsPatch = z.infer<typeof appSettingsPatchSchema>;

/** GET /api/v1/settings: the settings and the (environment) analysis threshold and candidate cap. */
export const appSettingsViewSchema = z.strictObject({
  autoLinkExactBarcode: z.boolean(),
  photoTextReader: APP_SETTING_SCHEMAS.photoTextReader,
  analysisConfidenceThreshold: z.number().min(0).max(1),
  analysisMaxCandidates: z.number().int().min(1),
});
export type AppSettingsView = z.infer<typeof appSettingsViewSchema>;
