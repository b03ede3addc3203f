import { describe, expect, it } from "vitest";
import {
  computeHealth,
  dominantCategory,
  healthStatus,
  median,
  risingFailures,
  speedScore,
  topHostFor,
  WEIGHTS,
  type HealthInput,
  type HostFacts,
} from "@/lib/batches/analytics/health-score";

const base: HealthInput = {
  successful: 0,
  failed: 0,
  itemsPerMinute: null,
  normRates: [],
  urlFailures: {},
  processingFailures: {},
  chunks: [],
  hosts: [],
};
const health = (over: Partial<HealthInput>) => computeHealth({ ...base, ...over });
const codes = (over: Partial<HealthInput>) => health(over).recommendations.map((r) => r.code);

describe("median", () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 1000], 10],
  ])("median(%j) = %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe("speedScore", () => {
  it.each([
    [0, 0],
    [0.2, 25],
    [0.4, 50],
    [0.6, 75],
    [0.8, 100],
    [1, 100],
    [5, 100],
  ])("ratio %s → %s", (ratio, score) => {
    expect(speedScore(ratio)).toBe(score);
  });
});

describe("healthStatus", () => {
  it.each([
    [null, "sem_dados"],
    [100, "saudavel"],
    [80, "saudavel"],
    [79.9, "atencao"],
    [50, "atencao"],
    [49.9, "critico"],
    [0, "critico"],
  ] as const)("%s → %s", (score, status) => {
    expect(healthStatus(score)).toBe(status);
  });
});

describe("the score", () => {
  it("is null with status sem_dados and NO_DATA while nothing has finished", () => {
    const report = health({ normRates: [10, 10, 10] });
    expect(report.healthScore).toBeNull();
    expect(report.status).toBe("sem_dados");
    expect(report.factors).toEqual({ success_rate: null, processing_speed: null, error_patterns: null });
    expect(report.recommendations).toEqual([{ code: "NO_DATA", params: {} }]);
  });

  it("is 100 for a batch that succeeded fully at the usual speed", () => {
    const report = health({ successful: 500, itemsPerMinute: 100, normRates: [90, 100, 110] });
    expect(report.healthScore).toBe(100);
    expect(report.status).toBe("saudavel");
    expect(report.factors).toEqual({ success_rate: 100, processing_speed: 100, error_patterns: 100 });
    expect(report.recommendations).toEqual([{ code: "HEALTHY", params: {} }]);
  });

  it("weighs the three components 0.6 / 0.2 / 0.2", () => {
    // 90 % success, half the usual speed (ratio 0.5 → 62.5), a dominant category (−25 → 75).
    const report = health({
      successful: 90,
      failed: 10,
      itemsPerMinute: 50,
      normRates: [100, 100, 100],
      urlFailures: { TIMEOUT: 10 },
    });
    expect(report.factors).toEqual({ success_rate: 90, processing_speed: 62.5, error_patterns: 75 });
    expect(report.healthScore).toBe(
      Math.round((90 * WEIGHTS.success_rate + 62.5 * WEIGHTS.processing_speed + 75 * WEIGHTS.error_patterns) * 10) / 10,
    );
    expect(report.healthScore).toBe(81.5);
  });

  it("leaves the speed out (and scales the other weights) without a norm", () => {
    const report = health({ successful: 80, failed: 20, itemsPerMinute: 40, normRates: [100, 100] });
    expect(report.factors.processing_speed).toBeNull();
    expect(report.speed.norm).toBeNull();
    // failures spread over no category (processing none): patterns 100; (80×0.6 + 100×0.2) / 0.8 = 85.
    expect(report.healthScore).toBe(85);
  });

  it("leaves the speed out when the batch has no rate yet", () => {
    const report = health({ successful: 5, itemsPerMinute: null, normRates: [100, 100, 100] });
    expect(report.factors.processing_speed).toBeNull();
    expect(report.healthScore).toBe(100);
  });

  it("is crítico when more than half of the items failed, whatever the rest", () => {
    const report = health({
      successful: 45,
      failed: 55,
      itemsPerMinute: 1000,
      normRates: [10, 10, 10],
      urlFailures: { TIMEOUT: 20, DNS: 20, HTTP_4XX: 15 },
    });
    expect(report.successRate).toBe(45);
    expect(report.healthScore).toBeLessThan(50);
    expect(report.status).toBe("critico");
  });

  it("stays within 0–100 on extreme inputs", () => {
    const inputs: Partial<HealthInput>[] = [
      {
        successful: 0,
        failed: 1_000_000,
        itemsPerMinute: 0,
        normRates: [1e9, 1e9, 1e9],
        urlFailures: { BLOCKED_ADDRESS: 1_000_000 },
      },
      { successful: 1_000_000, failed: 0, itemsPerMinute: 1e12, normRates: [1e-6, 1e-6, 1e-6] },
      {
        successful: 1,
        failed: 999,
        itemsPerMinute: 0.0001,
        normRates: [100, 200, 300],
        urlFailures: { BLOCKED_ADDRESS: 999 },
        chunks: [
          { number: 1, finished: 100, failed: 0 },
          { number: 2, finished: 100, failed: 100 },
        ],
      },
      { successful: 3, failed: 0, itemsPerMinute: 0, normRates: [0, 0, 0] },
    ];
    for (const input of inputs) {
      const report = health(input);
      expect(report.healthScore).not.toBeNull();
      expect(report.healthScore!).toBeGreaterThanOrEqual(0);
      expect(report.healthScore!).toBeLessThanOrEqual(100);
      for (const value of Object.values(report.factors))
        if (value !== null) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
        }
    }
  });

  it("takes every penalty at once down to 10 for the error patterns", () => {
    const report = health({
      successful: 100,
      failed: 100,
      urlFailures: { BLOCKED_ADDRESS: 100 },
      chunks: [
        { number: 1, finished: 100, failed: 0 },
        { number: 2, finished: 100, failed: 100 },
      ],
    });
    expect(report.factors.error_patterns).toBe(10);
  });
});

describe("error patterns", () => {
  it("a category dominates from 60 % of at least 5 failures", () => {
    expect(dominantCategory({ TIMEOUT: 6, DNS: 4 })).toEqual({ category: "TIMEOUT", share: 60 });
    expect(dominantCategory({ TIMEOUT: 5, DNS: 4 })).toBeNull();
    expect(dominantCategory({ TIMEOUT: 4 })).toBeNull();
    expect(dominantCategory({})).toBeNull();
  });

  it("upload batches: the dominant one is a processing error code", () => {
    const report = health({ successful: 10, failed: 6, processingFailures: { IMAGE_DECODE_FAILED: 6 } });
    expect(report.patterns.dominantCategory).toBe("IMAGE_DECODE_FAILED");
  });

  it("URL batches: failed photos count as IMAGE_PROCESSING beside the URL categories", () => {
    const report = health({ successful: 10, failed: 2, urlFailures: { TIMEOUT: 2 }, processingFailures: { X: 8 } });
    expect(report.patterns.dominantCategory).toBe("IMAGE_PROCESSING");
  });

  it("failures rise when the latest chunk fails 20 points more and twice as often as before", () => {
    const chunks = [
      { number: 1, finished: 100, failed: 5 },
      { number: 2, finished: 100, failed: 5 },
      { number: 3, finished: 50, failed: 20 },
    ];
    expect(risingFailures(chunks)).toEqual({ chunkNumber: 3, failureRate: 40, previousFailureRate: 5 });
    // Not twice as often (40 % after 25 %) or not 20 points (15 % after 5 %).
    expect(
      risingFailures([
        { number: 1, finished: 100, failed: 25 },
        { number: 2, finished: 50, failed: 20 },
      ]),
    ).toBeNull();
    expect(
      risingFailures([
        { number: 1, finished: 100, failed: 5 },
        { number: 2, finished: 100, failed: 15 },
      ]),
    ).toBeNull();
  });

  it("the latest chunk is the last with enough finished URLs; too few before it is no comparison", () => {
    const chunks = [
      { number: 1, finished: 100, failed: 0 },
      { number: 2, finished: 100, failed: 60 },
      { number: 3, finished: 5, failed: 5 },
    ];
    expect(risingFailures(chunks)?.chunkNumber).toBe(2);
    expect(
      risingFailures([
        { number: 1, finished: 10, failed: 0 },
        { number: 2, finished: 100, failed: 90 },
      ]),
    ).toBeNull();
    expect(risingFailures([{ number: 1, finished: 100, failed: 90 }])).toBeNull();
    // Order of the input does not matter.
    expect(risingFailures([...chunks].reverse())?.chunkNumber).toBe(2);
  });

  it("a host leads a category with at least 3 and half of its failures", () => {
    const hosts: HostFacts[] = [
      { host: "a.test", failed: 6, byCategory: { TIMEOUT: 6 } },
      { host: "b.test", failed: 4, byCategory: { TIMEOUT: 2, DNS: 2 } },
    ];
    expect(topHostFor(hosts, "TIMEOUT", 8)).toEqual({ host: "a.test", count: 6 });
    expect(topHostFor(hosts, "TIMEOUT", 13)).toBeNull();
    expect(topHostFor(hosts, "DNS", 2)).toBeNull();
  });
});

describe("recommendations", () => {
  it("LOW_SUCCESS_RATE below 90 %", () => {
    expect(codes({ successful: 89, failed: 11 })).toContain("LOW_SUCCESS_RATE");
    expect(codes({ successful: 90, failed: 10 })).not.toContain("LOW_SUCCESS_RATE");
    expect(health({ successful: 85, failed: 15 }).recommendations[0]).toEqual({
      code: "LOW_SUCCESS_RATE",
      params: { rate: 85 },
    });
  });

  it("SLOW_PROCESSING below 80 % of the norm, with the norm and how many batches made it", () => {
    const report = health({ successful: 100, itemsPerMinute: 30, normRates: [100, 100, 100, 100] });
    expect(report.recommendations).toContainEqual({
      code: "SLOW_PROCESSING",
      params: { percent: 30, norm: 100, batches: 4 },
    });
    expect(codes({ successful: 100, itemsPerMinute: 80, normRates: [100, 100, 100] })).not.toContain("SLOW_PROCESSING");
  });

  it("RISING_FAILURES names the chunk and both rates", () => {
    const report = health({
      successful: 170,
      failed: 30,
      chunks: [
        { number: 1, finished: 100, failed: 0 },
        { number: 2, finished: 100, failed: 30 },
      ],
    });
    expect(report.recommendations).toContainEqual({
      code: "RISING_FAILURES",
      params: { chunk: 2, rate: 30, previous: 0 },
    });
    expect(report.factors.error_patterns).toBe(60);
  });

  it("DOMINANT_CATEGORY with the category and its share", () => {
    expect(health({ successful: 95, failed: 5, urlFailures: { HTTP_4XX: 5 } }).recommendations).toContainEqual({
      code: "DOMINANT_CATEGORY",
      params: { category: "HTTP_4XX", share: 100 },
    });
  });

  it("BLOCKED_ADDRESSES with the count, even for one", () => {
    const report = health({ successful: 99, failed: 1, urlFailures: { BLOCKED_ADDRESS: 1 } });
    expect(report.recommendations).toContainEqual({ code: "BLOCKED_ADDRESSES", params: { count: 1 } });
    expect(report.factors.error_patterns).toBe(75);
  });

  it("HOST_SLOW when one host holds most timeouts; HOST_FAILING for another host holding most failures", () => {
    const slow = health({
      successful: 90,
      failed: 10,
      urlFailures: { TIMEOUT: 10 },
      hosts: [{ host: "lento.test", failed: 8, byCategory: { TIMEOUT: 8 } }],
    });
    expect(slow.recommendations).toContainEqual({ code: "HOST_SLOW", params: { host: "lento.test", count: 8 } });
    expect(slow.recommendations.map((r) => r.code)).not.toContain("HOST_FAILING");

    const failing = health({
      successful: 90,
      failed: 10,
      urlFailures: { HTTP_4XX: 10 },
      hosts: [{ host: "quebrado.test", failed: 7, byCategory: { HTTP_4XX: 7 } }],
    });
    expect(failing.recommendations).toContainEqual({
      code: "HOST_FAILING",
      params: { host: "quebrado.test", count: 7, share: 70 },
    });
  });

  it("NETWORK_RETRY counts only the categories 'reprocessar falhas de rede' retries", () => {
    const report = health({
      successful: 90,
      failed: 10,
      urlFailures: { DNS: 1, REFUSED: 1, TIMEOUT: 1, HTTP_5XX: 1, NETWORK: 1, HTTP_4XX: 3, NOT_IMAGE: 2 },
    });
    expect(report.recommendations).toContainEqual({ code: "NETWORK_RETRY", params: { count: 5 } });
    expect(codes({ successful: 90, failed: 10, urlFailures: { HTTP_4XX: 3, INVALID_URL: 7 } })).not.toContain(
      "NETWORK_RETRY",
    );
  });

  it("PROCESSING_FAILURES counts the failed photos", () => {
    expect(health({ successful: 8, failed: 2, processingFailures: { A: 1, B: 1 } }).recommendations).toContainEqual({
      code: "PROCESSING_FAILURES",
      params: { count: 2 },
    });
  });

  it("HEALTHY only when nothing else applies", () => {
    expect(codes({ successful: 100 })).toEqual(["HEALTHY"]);
    expect(codes({ successful: 99, failed: 1, urlFailures: { BLOCKED_ADDRESS: 1 } })).not.toContain("HEALTHY");
  });
});
