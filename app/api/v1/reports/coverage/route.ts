// GET /api/v1/reports/coverage?brandId=&collectionId=: photo coverage per collection (SKUs with a photo in that collection).
import { z } from "zod";
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { getCoverage, summarizeCoverage } from "@/lib/reports/coverage";

const querySchema = z.object({ brandId: z.uuid().optional(), collectionId: z.uuid().optional() });

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  const items = await getCoverage(parseQuery(request, querySchema));
  return { items, totals: summarizeCoverage(items) };
});
