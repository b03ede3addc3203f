import "server-only";
import { createTranslator } from "next-intl";
import ptMessages from "@/messages/pt-BR/batch-analytics.json";
import type { Recommendation } from "./health-score";
import type { HealthStatus } from "./schemas";

// The API's pt-BR texts come from the same messages the UI translates by code (one source of text).
const translate = createTranslator({ locale: "pt-BR", messages: ptMessages, namespace: "batchAnalytics" });

/** A recommendation as the API sends it: its code, the pt-BR text and the parameters. */
export function withMessage(recommendation: Recommendation) {
  return {
    code: recommendation.code,
    message: translate(`recommendations.${recommendation.code}`, recommendation.params),
    params: recommendation.params,
  };
}

export function healthStatusLabel(status: HealthStatus): string {
  return translate(`healthStatus.${status}`).toLowerCase();
}
