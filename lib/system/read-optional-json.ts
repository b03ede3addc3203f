import "server-only";
import type { z } from "zod";
import { readJson } from "@/lib/api/api-handler";

/** A JSON body that may be left out (no body, or an empty one): the schema's defaults then apply. */
export async function readOptionalJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  if (!request.body || request.headers.get("content-length") === "0") return schema.parse({});
  return readJson(request, schema);
}
