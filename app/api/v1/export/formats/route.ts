// GET /api/v1/export/formats: the formats every export offers (seed 004).
import { apiHandler } from "@/lib/api/api-handler";
import { EXPORT_FORMAT_DESCRIPTIONS, EXPORT_FORMAT_INFO, EXPORT_FORMATS } from "@/lib/export/formats";

export const GET = apiHandler({ role: "VIEWER" }, async () => ({
  formats: EXPORT_FORMATS.map((format) => ({
    format,
    extension: EXPORT_FORMAT_INFO[format].extension,
    content_type: EXPORT_FORMAT_INFO[format].contentType,
    description: EXPORT_FORMAT_DESCRIPTIONS[format],
  })),
}));
