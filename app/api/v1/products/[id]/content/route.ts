// GET/POST/PATCH /api/v1/products/{id}/content: the product's AI content (state; generate or refine {feedback?}; edit in place).
import { contentHandlers } from "@/lib/ai/content/content-route-handlers";

const handlers = contentHandlers("product");
export const GET = handlers.state;
export const POST = handlers.generate;
export const PATCH = handlers.edit;
