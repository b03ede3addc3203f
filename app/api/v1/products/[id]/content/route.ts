// GET/POST/PATCH /api/v1/products/{id}/content: the product's AI content (state; generate or refine {feedback?}; edit in place).
import { contentStateRoute, editContentRoute, generateContentRoute } from "@/lib/ai/content/content-route-handlers";
import { apiHandler } from "@/lib/api/api-handler";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, (context) => contentStateRoute("product", context));
export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, (context) =>
  generateContentRoute("product", context),
);
export const PATCH = apiHandler<{ id: string }>({ role: "EDITOR" }, (context) => editContentRoute("product", context));
