"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { AI_ERROR_KINDS, type AiErrorKind } from "@/lib/ai/errors";
import { AI_KEY_CAPABILITIES, type AiKeyView } from "@/lib/ai/keys/schemas";

const STATUS_CLASS = {
  ACTIVE: "bg-emerald-500/20 text-emerald-200",
  cooling: "bg-amber-500/20 text-amber-100",
  DISABLED: "bg-slate-500/20 text-slate-200",
  INVALID: "bg-rose-500/20 text-rose-200",
} as const;

/** The key pool: masked key, source, status, stats and the disable / re-enable / delete buttons. */
export function AiKeysTable({
  keys,
  isPending,
  onSetStatus,
  onDelete,
}: {
  keys: AiKeyView[];
  isPending: boolean;
  onSetStatus: (key: AiKeyView, status: "ACTIVE" | "DISABLED") => void;
  onDelete: (key: AiKeyView) => void;
}) {
  const t = useTranslations("aiKeys");
  const format = useFormatter();
  const date = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : t("never");
  const kindLabel = (kind: string) =>
    (AI_ERROR_KINDS as readonly string[]).includes(kind) ? t(`errorKinds.${kind as AiErrorKind}`) : kind;
  const capabilityLabel = (capability: string) =>
    (AI_KEY_CAPABILITIES as readonly string[]).includes(capability)
      ? t(`capability.${capability as (typeof AI_KEY_CAPABILITIES)[number]}`)
      : capability;

  const columns: DataTableColumn<AiKeyView>[] = [
    {
      key: "label",
      header: t("label"),
      className: "min-w-36",
      cell: (key) => (
        <div>
          <div className="font-medium text-white">{key.label}</div>
          <div className="text-xs text-slate-400">{key.capabilities.map(capabilityLabel).join(", ")}</div>
        </div>
      ),
    },
    {
      key: "key",
      header: t("key"),
      className: "whitespace-nowrap",
      cell: (key) => (
        <div>
          <span data-testid="ai-key-masked" className="font-mono text-slate-200">
            {key.maskedKey}
          </span>
          <div data-testid="ai-key-source" className="text-xs text-slate-400">
            {t(`sources.${key.source}`)}
          </div>
          {!key.available ? (
            <div className="max-w-28 whitespace-normal text-xs text-amber-200">{t("notInEnvironment")}</div>
          ) : null}
        </div>
      ),
    },
    {
      key: "status",
      header: t("status"),
      cell: (key) => {
        const cooling = key.status === "ACTIVE" && key.cooldownUntil !== null;
        return (
          <div className="space-y-1">
            <span
              data-testid="ai-key-status"
              className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[cooling ? "cooling" : key.status]}`}
            >
              {t(cooling ? "statuses.cooling" : `statuses.${key.status}`)}
            </span>
            {cooling ? (
              <div className="whitespace-nowrap text-xs text-amber-100">
                {t("coolingUntil", { time: format.dateTime(new Date(key.cooldownUntil!), { timeStyle: "medium" }) })}
              </div>
            ) : null}
            {key.status === "INVALID" && key.invalidReason ? (
              <div className="max-w-40 text-xs text-rose-200">{key.invalidReason}</div>
            ) : null}
          </div>
        );
      },
    },
    {
      // The last use goes under the successes: one column less, so the table fits at 1024 px.
      key: "successes",
      header: t("successes"),
      align: "right",
      className: "tabular-nums",
      cell: (key) => (
        <div>
          <div data-testid="ai-key-successes">{format.number(key.successCount)}</div>
          <div data-testid="ai-key-last-used" className="whitespace-nowrap text-xs text-slate-400">
            {key.lastUsedAt ? t("lastUsedAt", { date: date(key.lastUsedAt) }) : t("neverUsed")}
          </div>
        </div>
      ),
    },
    {
      key: "errors",
      header: t("errors"),
      className: "min-w-40 max-w-52",
      cell: (key) => {
        const kinds = Object.entries(key.errorsByKind).filter(([, n]) => n > 0);
        if (kinds.length === 0) return <span className="text-slate-400">{t("noErrors")}</span>;
        return (
          <div className="space-y-1 text-xs">
            <ul data-testid="ai-key-errors" className="space-y-0.5">
              {kinds.map(([kind, n]) => (
                <li key={kind}>
                  {kindLabel(kind)}: <span className="tabular-nums">{format.number(n)}</span>
                </li>
              ))}
            </ul>
            {key.lastError ? (
              <div className="text-slate-400">
                <span className="block truncate" title={key.lastError}>
                  {t("lastError")}: {key.lastError}
                </span>
                {date(key.lastErrorAt)}
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      key: "usage",
      header: t("usage"),
      align: "right",
      className: "whitespace-nowrap tabular-nums",
      cell: (key) => (
        <div className="text-xs">
          <div>{t("tokensIn", { n: format.number(key.tokensIn) })}</div>
          <div>{t("tokensOut", { n: format.number(key.tokensOut) })}</div>
          <div data-testid="ai-key-cost" className="text-sm text-slate-100">
            {format.number(key.costUsd, { style: "currency", currency: "USD", maximumFractionDigits: 4 })}
          </div>
        </div>
      ),
    },
    {
      key: "actions",
      header: t("actions"),
      isHeaderHidden: true,
      align: "right",
      className: "whitespace-nowrap",
      cell: (key) => (
        <div className="flex flex-col items-end gap-1">
          {key.status === "ACTIVE" ? (
            <Button
              variant="ghost"
              size="sm"
              disabled={isPending}
              onClick={() => onSetStatus(key, "DISABLED")}
              aria-label={`${t("disable")}: ${key.label}`}
            >
              {t("disable")}
            </Button>
          ) : (
            <Button
              variant="secondary"
              size="sm"
              disabled={isPending}
              onClick={() => onSetStatus(key, "ACTIVE")}
              aria-label={`${t("enable")}: ${key.label}`}
            >
              {t("enable")}
            </Button>
          )}
          {key.source === "db" ? (
            <Button
              variant="ghost"
              size="sm"
              disabled={isPending}
              onClick={() => onDelete(key)}
              aria-label={`${t("delete")}: ${key.label}`}
            >
              {t("delete")}
            </Button>
          ) : null}
        </div>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={keys}
      ariaLabel={t("table")}
      empty={<p className="text-sm text-slate-300">{t("empty")}</p>}
      density="flush"
      frame="plain"
      rowProps={(key) => ({ "data-testid": "ai-key-row", "data-key-id": key.id })}
      className="[&_td]:pr-4 [&_th]:pr-4 [&_th]:whitespace-nowrap"
    />
  );
}
