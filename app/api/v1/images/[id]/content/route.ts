// GET/POST/PATCH /api/v1/images/{id}/content: the image's AI content (state; generate or refine {feedback?}; edit in place).
import { contentStateRoute, editContentRoute, generateContentRoute } from "@/lib/ai/content/content-route-handlers";
import { apiHandler } from "@/lib/api/api-handler";

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, (context) => contentStateRoute("image", context));
export const POST = apiHandler<{ id: string }>({ role: "EDITOR" }, (context) => generateContentRoute("image", context));
export const PATCH = apiHandler<{ id: string }>({ role: "EDITOR" }, (context) => editContentRoute("image", context));
