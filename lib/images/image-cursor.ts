import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { IMAGE_SORTS } from "./schemas";

export type ImageSort = (typeof IMAGE_SORTS)[number];

/** The sort key of the last row of a page: what the next page starts after. */
export type ImageCursor =
  | { sort: "arrival" | "recent"; id: string }
  | { sort: "sku"; skuBase: string | null; sequence: string | null; id: string }
  | { sort: "name"; originalName: string; id: string };

const cursorSchema = z.union([
  z.tuple([z.enum(["arrival", "recent"]), z.uuid()]),
  z.tuple([z.literal("sku"), z.string().nullable(), z.string().nullable(), z.uuid()]),
  z.tuple([z.literal("name"), z.string(), z.uuid()]),
]);

/** Opaque to clients: base64url of the sort name and its key values, so a cursor only resumes its own sort. */
export function encodeImageCursor(cursor: ImageCursor): string {
  const values =
    cursor.sort === "sku"
      ? [cursor.sort, cursor.skuBase, cursor.sequence, cursor.id]
      : cursor.sort === "name"
        ? [cursor.sort, cursor.originalName, cursor.id]
        : [cursor.sort, cursor.id];
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** Throws 400 VALIDATION_FAILED for a cursor this server did not write for `sort`. */
export function decodeImageCursor(raw: string, sort: ImageSort): ImageCursor {
  const invalid = () =>
    new ApiError("VALIDATION_FAILED", "Parâmetros inválidos.", [
      { path: "cursor", message: "Cursor inválido para esta ordenação: recomece da primeira página." },
    ]);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data[0] !== sort) throw invalid();
  const values = parsed.data;
  if (values[0] === "sku") return { sort: "sku", skuBase: values[1], sequence: values[2], id: values[3] };
  if (values[0] === "name") return { sort: "name", originalName: values[1], id: values[2] };
  return { sort: values[0], id: values[1] };
}
