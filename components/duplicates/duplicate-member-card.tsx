"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { formatBytes } from "@/components/batches/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Thumbnail } from "@/components/ui/thumbnail";
import type { DuplicateMember } from "@/lib/queries/types";

/**
 * One photo of a duplicate group, for side-by-side comparison: a large square preview (the
 * thumbnail, a link to the original in a new tab), the facts a reviewer compares, and "manter este".
 */
export function DuplicateMemberCard({
  member,
  isReference,
  canEdit,
  isBusy,
  onKeep,
}: {
  member: DuplicateMember;
  isReference: boolean;
  canEdit: boolean;
  isBusy: boolean;
  onKeep: () => void;
}) {
  const t = useTranslations("duplicates");
  const workflow = useTranslations("workflow.status");
  const format = useFormatter();
  const locale = useLocale();
  const sku = member.sku ?? member.skuBase;
  const facts: [string, string][] = [
    [
      t("facts.dimensions"),
      member.width && member.height
        ? t("facts.dimensionsValue", { width: member.width, height: member.height })
        : t("unknown"),
    ],
    [t("facts.size"), formatBytes(member.bytes, locale)],
    [t("facts.sku"), sku ? `${sku}${member.sequence ? ` · ${member.sequence}` : ""}` : t("facts.noSku")],
    [t("facts.batch"), member.batch.name],
    [t("facts.date"), format.dateTime(new Date(member.createdAt), { dateStyle: "short", timeStyle: "short" })],
    [t("facts.status"), workflow(member.status)],
  ];
  return (
    <li
      data-testid="duplicate-member"
      data-image-id={member.id}
      data-name={member.originalName}
      className="glass-subtle flex min-w-0 flex-col overflow-hidden rounded-xl"
    >
      <a
        href={member.originalUrl}
        target="_blank"
        rel="noopener"
        aria-label={t("openOriginal", { name: member.originalName })}
        className="relative block aspect-square w-full overflow-hidden bg-slate-950/60 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent-300"
      >
        <Thumbnail src={member.thumbnailUrl} missingText={t("noThumbnail")} />
        <span
          data-testid="duplicate-distance"
          className={cn(
            "absolute left-2 top-2 rounded-full border px-2 py-0.5 text-[11px] font-medium backdrop-blur",
            isReference
              ? "border-accent-400/40 bg-accent-500/25 text-accent-100"
              : "border-amber-400/40 bg-amber-500/20 text-amber-100",
          )}
        >
          {isReference ? t("reference") : t("distance", { distance: member.distance })}
        </span>
      </a>
      <div className="flex flex-1 flex-col gap-3 p-3">
        <p className="truncate text-sm font-medium text-white" title={member.originalName}>
          {member.originalName}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-400">{label}</dt>
              <dd className="min-w-0 truncate text-slate-100" title={value}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
        {canEdit ? (
          <Button
            size="sm"
            className="mt-auto"
            disabled={isBusy}
            onClick={onKeep}
            aria-label={t("keepThisLabel", { name: member.originalName })}
          >
            {t("keepThis")}
          </Button>
        ) : null}
      </div>
    </li>
  );
}
