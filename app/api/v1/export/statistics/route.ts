// GET /api/v1/export/statistics: exports made, today's, by format, average size (seed 004).
import { apiHandler } from "@/lib/api/api-handler";
import { exportStatistics } from "@/lib/export/record-export";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async () => exportStatistics());
