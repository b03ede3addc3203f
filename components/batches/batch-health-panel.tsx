"use client";

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { SpinnerIcon } from "@/components/ui/icons";
import type { BatchHealth, BatchRecommendation } from "@/lib/queries/batch-analytics";
import { useBatchHealth } from "@/lib/queries/batch-analytics";

type HealthStatus = BatchHealth["status"];
type Factor = keyof BatchHealth["factors"];

const TONES: Record<HealthStatus, { ring: string; text: string; chip: string }> = {
  saudavel: { ring: "stroke-emerald-400", text: "text-emerald-200", chip: "border-emerald-400/30 bg-emerald-500/15" },
  atencao: { ring: "stroke-amber-400", text: "text-amber-200", chip: "border-amber-400/30 bg-amber-500/15" },
  critico: { ring: "stroke-rose-400", text: "text-rose-200", chip: "border-rose-400/30 bg-rose-500/15" },
  sem_dados: { ring: "stroke-slate-500", text: "text-slate-200", chip: "border-slate-400/30 bg-slate-500/15" },
};
const FACTORS: readonly Factor[] = ["success_rate", "processing_speed", "error_patterns"];
const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/** The recommendation in the reader's language, from its code and parameters (the API's text is pt-BR). */
export function useRecommendationText() {
  const t = useTranslations("batchAnalytics.recommendations");
  return (r: BatchRecommendation) => (t.has(r.code) ? t(r.code, r.params) : r.message);
}

/** The score as a ring gauge: the number inside, the arc its share of 100, coloured by status. */
function ScoreGauge({ score, status, label }: { score: number | null; status: HealthStatus; label: string }) {
  const format = useFormatter();
  const filled = score === null ? 0 : (score / 100) * CIRCUMFERENCE;
  return (
    <div className="relative size-28 shrink-0" role="img" aria-label={label} data-testid="health-gauge">
      <svg viewBox="0 0 100 100" className="size-full -rotate-90" aria-hidden="true">
        <circle cx="50" cy="50" r={RADIUS} className="fill-none stroke-white/10" strokeWidth="10" />
        <circle
          cx="50"
          cy="50"
          r={RADIUS}
          className={cn("fill-none transition-[stroke-dasharray] duration-500", TONES[status].ring)}
          strokeWidth="10"
          strokeLinecap="round"
          strokeDasharray={`${filled} ${CIRCUMFERENCE}`}
        />
      </svg>
      <span
        className="absolute inset-0 flex items-center justify-center text-2xl font-semibold text-white tabular-nums"
        data-testid="health-score"
        aria-hidden="true"
      >
        {score === null ? "—" : format.number(Math.round(score))}
      </span>
    </div>
  );
}

/** Batch health (seed 004): score gauge and status, the three components with their weights, recommendations. */
export function BatchHealthPanel({ batchId, intervalSeconds }: { batchId: string; intervalSeconds?: number }) {
  const t = useTranslations("batchAnalytics");
  const format = useFormatter();
  const recommendationText = useRecommendationText();
  const health = useBatchHealth(batchId, intervalSeconds);
  const data = health.data;

  return (
    <section
      className="glass min-h-[22rem] rounded-2xl p-5"
      aria-labelledby="batch-health-title"
      data-testid="batch-health"
    >
      <h2 id="batch-health-title" className="mb-4 text-lg font-semibold text-white">
        {t("health.title")}
      </h2>
      {!data ? (
        health.isError ? (
          <p role="alert" className="text-sm text-rose-300">
            {t("health.error")}
          </p>
        ) : (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" />
            {t("health.loading")}
          </p>
        )
      ) : (
        <div className="space-y-5">
          <div className="flex items-center gap-5">
            <ScoreGauge
              score={data.health_score}
              status={data.status}
              label={`${t("health.score")}: ${
                data.health_score === null
                  ? t("health.noScore")
                  : t("health.scoreOf", { score: Math.round(data.health_score) })
              } — ${t(`healthStatus.${data.status}`)}`}
            />
            <div className="min-w-0 space-y-2">
              <p className="text-xs text-slate-300">{t("health.score")}</p>
              <span
                className={cn(
                  "inline-flex rounded-full border px-3 py-1 text-sm font-medium",
                  TONES[data.status].chip,
                  TONES[data.status].text,
                )}
                data-testid="health-status"
                data-status={data.status}
              >
                {t(`healthStatus.${data.status}`)}
              </span>
            </div>
          </div>

          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-200">{t("health.factors")}</h3>
            <dl className="space-y-2.5" data-testid="health-factors">
              {FACTORS.map((factor) => {
                const value = data.factors[factor];
                return (
                  <div key={factor}>
                    <div className="flex items-baseline justify-between gap-2 text-sm">
                      <dt className="text-slate-200">
                        {t(`health.factor.${factor}`)}{" "}
                        <span className="text-xs text-slate-400">
                          {t("health.weight", { weight: Math.round(data.weights[factor] * 100) })}
                        </span>
                      </dt>
                      <dd className="tabular-nums text-white" data-factor={factor}>
                        {value === null ? (
                          <span className="text-xs text-slate-400">{t("health.notMeasured")}</span>
                        ) : (
                          format.number(value, { maximumFractionDigits: 1 })
                        )}
                      </dd>
                    </div>
                    <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-white/10" aria-hidden="true">
                      <div className="h-full rounded-full bg-accent-400" style={{ width: `${value ?? 0}%` }} />
                    </div>
                  </div>
                );
              })}
            </dl>
            {data.speed.items_per_minute !== null ? (
              <p className="mt-2 text-xs text-slate-400 tabular-nums">
                {data.speed.norm_items_per_minute !== null
                  ? t("health.speedDetail", {
                      rate: format.number(data.speed.items_per_minute, { maximumFractionDigits: 1 }),
                      norm: format.number(data.speed.norm_items_per_minute, { maximumFractionDigits: 1 }),
                      batches: data.speed.norm_batches,
                    })
                  : t("health.speedNoNorm", {
                      rate: format.number(data.speed.items_per_minute, { maximumFractionDigits: 1 }),
                    })}
              </p>
            ) : null}
          </div>

          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-200">{t("health.recommendations")}</h3>
            <ul className="space-y-1.5 text-sm text-slate-200" data-testid="health-recommendations">
              {data.recommendations.map((r) => (
                <li
                  key={r.code}
                  data-code={r.code}
                  className="glass-subtle rounded-lg px-3 py-2 [overflow-wrap:anywhere]"
                >
                  {recommendationText(r)}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
