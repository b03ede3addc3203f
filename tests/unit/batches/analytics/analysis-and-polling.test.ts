import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { analysisRecommendations, CATEGORY_RECOMMENDATION } from "@/lib/batches/analytics/analysis-recommendations";
import { LARGE_BATCH, pollingIntervalSeconds } from "@/lib/batches/analytics/polling-interval";
import { healthStatusLabel, withMessage } from "@/lib/batches/analytics/recommendation-text";
import {
  HEALTH_STATUSES,
  IMAGE_PROCESSING,
  RECOMMENDATION_CODES,
  URL_ERROR_CATEGORIES,
} from "@/lib/batches/analytics/schemas";
import { BATCH_STATUSES } from "@/lib/batches/schemas";
import enMessages from "@/messages/en/batch-analytics.json";
import ptMessages from "@/messages/pt-BR/batch-analytics.json";

const facts = {
  urlFailures: {} as Record<string, number>,
  processingFailures: {} as Record<string, number>,
  topClientStatus: null as number | null,
  hosts: [] as { host: string; failed: number; byCategory: Record<string, number> }[],
};

describe("analysisRecommendations", () => {
  it("one per category present, most failures first, then NETWORK_RETRY", () => {
    const result = analysisRecommendations({
      ...facts,
      urlFailures: { HTTP_4XX: 5, DNS: 9, BLOCKED_ADDRESS: 2 },
      topClientStatus: 404,
    });
    expect(result).toEqual([
      { code: "CHECK_DNS", params: { count: 9 } },
      { code: "CHECK_LINKS", params: { count: 5, status: 404 } },
      { code: "BLOCKED_ADDRESSES", params: { count: 2 } },
      { code: "NETWORK_RETRY", params: { count: 9 } },
    ]);
  });

  it("TIMEOUT names the slow host when it holds most timeouts, else TIMEOUTS", () => {
    const slow = analysisRecommendations({
      ...facts,
      urlFailures: { TIMEOUT: 10 },
      hosts: [{ host: "lento.test", failed: 9, byCategory: { TIMEOUT: 9 } }],
    });
    expect(slow[0]).toEqual({ code: "HOST_SLOW", params: { host: "lento.test", count: 9 } });
    const spread = analysisRecommendations({
      ...facts,
      urlFailures: { TIMEOUT: 10 },
      hosts: [
        { host: "a.test", failed: 3, byCategory: { TIMEOUT: 3 } },
        { host: "b.test", failed: 3, byCategory: { TIMEOUT: 3 } },
      ],
    });
    expect(spread[0]).toEqual({ code: "TIMEOUTS", params: { count: 10 } });
  });

  it("failed photos join as IMAGE_PROCESSING; no failure at all is HEALTHY", () => {
    expect(analysisRecommendations({ ...facts, processingFailures: { A: 2, B: 1 } })).toEqual([
      { code: "PROCESSING_FAILURES", params: { count: 3 } },
    ]);
    expect(analysisRecommendations(facts)).toEqual([{ code: "HEALTHY", params: {} }]);
  });

  it("every URL category and IMAGE_PROCESSING has a recommendation", () => {
    for (const category of [...URL_ERROR_CATEGORIES, IMAGE_PROCESSING])
      expect(CATEGORY_RECOMMENDATION[category]).toBeDefined();
    expect(analysisRecommendations({ ...facts, urlFailures: { PROCESSING: 2 } })[0]).toEqual({
      code: "STORAGE_FAILURES",
      params: { count: 2 },
    });
  });
});

describe("pollingIntervalSeconds", () => {
  it.each([
    ["UPLOADING", 10, 2],
    ["QUEUED", 10, 2],
    ["PROCESSING", 10, 2],
    ["PROCESSING", LARGE_BATCH + 1, 5],
    ["DRAFT", 0, 10],
    ["PAUSED", 10, 10],
    ["COMPLETED", 10, 60],
    ["COMPLETED_WITH_ERRORS", 10, 60],
    ["CANCELLED", 10, 60],
  ] as const)("%s with %s items → %s s", (status, total, seconds) => {
    expect(pollingIntervalSeconds(status, total)).toBe(seconds);
  });

  it("answers a positive whole number for every status", () => {
    for (const status of BATCH_STATUSES) expect(Number.isInteger(pollingIntervalSeconds(status, 1))).toBe(true);
  });
});

describe("messages", () => {
  const sample: Record<string, string | number> = {
    rate: 85.5,
    percent: 40,
    norm: 120,
    batches: 10,
    category: "TIMEOUT",
    share: 72.5,
    chunk: 3,
    previous: 4,
    count: 7,
    host: "lento.test",
    status: 404,
  };

  it.each([
    ["pt-BR", ptMessages],
    ["en", enMessages],
  ] as const)("%s has a text for every recommendation code, category and health status", (locale, messages) => {
    const t = createTranslator({ locale, messages, namespace: "batchAnalytics" });
    for (const code of RECOMMENDATION_CODES) {
      const text = t(`recommendations.${code}`, sample);
      expect(text, code).not.toMatch(/batchAnalytics|\{/);
    }
    for (const category of [...URL_ERROR_CATEGORIES, IMAGE_PROCESSING] as const)
      expect(t(`categories.${category}`)).not.toContain("batchAnalytics");
    for (const status of HEALTH_STATUSES) expect(t(`healthStatus.${status}`)).not.toContain("batchAnalytics");
  });

  it("the API's pt-BR text is the UI's message with the parameters", () => {
    expect(withMessage({ code: "HOST_SLOW", params: { host: "lento.test", count: 3 } })).toEqual({
      code: "HOST_SLOW",
      message:
        "O servidor lento.test está lento: 3 URLs excederam o tempo limite. Reprocesse mais tarde ou aumente URL_FETCH_TIMEOUT_SECONDS.",
      params: { host: "lento.test", count: 3 },
    });
    expect(withMessage({ code: "DOMINANT_CATEGORY", params: { category: "TIMEOUT", share: 80 } }).message).toContain(
      "tempo esgotado",
    );
    // Shares are numbers formatted in the reader's locale (pt-BR: decimal comma).
    expect(withMessage({ code: "HOST_FAILING", params: { host: "a.test", count: 30, share: 57.7 } }).message).toBe(
      "57,7% das falhas vêm de a.test (30): verifique esse servidor.",
    );
    expect(healthStatusLabel("atencao")).toBe("atenção");
    expect(healthStatusLabel("saudavel")).toBe("saudável");
    expect(healthStatusLabel("critico")).toBe("crítico");
  });
});
