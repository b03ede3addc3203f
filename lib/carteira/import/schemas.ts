import { z } from "zod";
import { CANONICAL_FIELDS } from "@/lib/carteira/parse/types";

const jsonField = <S extends z.ZodType>(schema: S, label: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx): z.infer<S> | undefined => {
      if (text === undefined || text.trim() === "") return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: `${label}: JSON inválido.` });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `${label}: formato inválido.` });
        return z.NEVER;
      }
      return parsed.data;
    });

export const sheetsSchema = z.array(z.string().min(1).max(200)).max(100);
/** Header text → canonical field, or null = "ignore (keep as extra)". */
export const mappingSchema = z.record(z.string().max(500), z.enum(CANONICAL_FIELDS).nullable());

const optionalUuid = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
  .pipe(z.uuid("Identificador inválido.").optional());

/** Text fields of the multipart import / preview forms (the file is read separately). */
export const importFormSchema = z.object({
  sheets: jsonField(sheetsSchema, "sheets"),
  mapping: jsonField(mappingSchema, "mapping"),
  brandId: optionalUuid,
  collectionId: optionalUuid,
});
export interface ImportForm {
  sheets?: string[];
  mapping?: z.infer<typeof mappingSchema>;
  brandId?: string;
  collectionId?: string;
}

export const importListQuerySchema = z.object({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
