// GET/POST/PATCH /api/v1/images/{id}/content: the image's AI content (state; generate or refine {feedback?}; edit in place).
import { contentHandlers } from "@/lib/ai/content/content-route-handlers";

const handlers = contentHandlers("image");
export const GET = handlers.state;
export const POST = handlers.generate;
export const PATCH = handlers.edit;
