"use client";

import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { formatBytes } from "@/components/batches/format";
import { ImageIcon } from "@/components/ui/icons";
import type { ImageDetail } from "@/lib/queries/types";
import { DetailSection, Facts } from "./image-detail-fields";

const LINK =
  "text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300";

export function ProductGroup({ image }: { image: ImageDetail }) {
  const t = useTranslations("imageDetail.product");
  const match = useTranslations("catalog.matchStatus");
  return (
    <DetailSection id="detail-product" title={t("title")}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        {image.productId && image.sku ? (
          <Link href={`/produtos/${image.productId}`} aria-label={t("open", { sku: image.sku })} className={LINK}>
            <span className="font-mono">{image.sku}</span>
            {image.carteira?.nomePeca ? <span> · {image.carteira.nomePeca}</span> : null}
          </Link>
        ) : (
          <span className="text-slate-300">{t("none")}</span>
        )}
        <span className="text-xs text-slate-400">
          {t("match")}: {match(image.matchStatus)}
        </span>
      </div>
    </DetailSection>
  );
}

export function FileFacts({ image }: { image: ImageDetail }) {
  const t = useTranslations("imageDetail.file");
  const locale = useLocale();
  const format = useFormatter();
  const unknown = <span className="text-slate-400">{t("unknown")}</span>;
  return (
    <DetailSection id="detail-file" title={t("title")}>
      <Facts
        rows={[
          { label: t("size"), value: formatBytes(image.bytes, locale), testId: "file-size" },
          {
            label: t("dimensions"),
            value:
              image.width && image.height
                ? t("dimensionsValue", { width: image.width, height: image.height })
                : unknown,
            testId: "file-dimensions",
          },
          { label: t("format"), value: image.format?.toUpperCase() ?? image.contentType, testId: "file-format" },
          {
            label: t("sha256"),
            value: <span className="select-all break-all font-mono text-xs">{image.sha256}</span>,
            testId: "file-sha256",
          },
          {
            label: t("batch"),
            value: (
              <Link
                href={`/lotes/${image.batch.id}`}
                aria-label={t("openBatch", { name: image.batch.name })}
                className={LINK}
              >
                {image.batch.name}
              </Link>
            ),
            testId: "file-batch",
          },
          {
            label: t("collection"),
            value: image.collection
              ? [image.brand?.name, image.collection.name].filter(Boolean).join(" · ")
              : (image.brand?.name ?? unknown),
          },
          {
            label: t("relativePath"),
            value: <span className="break-all font-mono text-xs">{image.relativePath ?? image.originalName}</span>,
            testId: "file-path",
          },
          {
            label: t("receivedAt"),
            value: format.dateTime(new Date(image.createdAt), { dateStyle: "short", timeStyle: "short" }),
          },
        ]}
      />
    </DetailSection>
  );
}

/** The other angles of the same product (or sku_base): thumbnails that open their own detail. */
export function SiblingStrip({ image, onOpen }: { image: ImageDetail; onOpen: (id: string) => void }) {
  const t = useTranslations("imageDetail.siblings");
  return (
    <DetailSection
      id="detail-siblings"
      title={t("title")}
      aside={<span className="text-xs text-slate-400">{t("count", { count: image.siblings.length })}</span>}
    >
      {image.siblings.length === 0 ? (
        <p className="text-sm text-slate-300">{t("none")}</p>
      ) : (
        <ul className="flex gap-2 overflow-x-auto pb-1">
          {image.siblings.map((sibling) => (
            <li key={sibling.id} className="shrink-0">
              <button
                type="button"
                data-testid="detail-sibling"
                aria-label={t("open", { name: sibling.originalName })}
                title={sibling.originalName}
                onClick={() => onOpen(sibling.id)}
                className="glass-subtle flex w-20 flex-col overflow-hidden rounded-lg text-left transition-colors hover:border-white/25 focus-visible:outline-2 focus-visible:outline-accent-300"
              >
                <span className="relative block aspect-square w-full bg-slate-950/60">
                  {sibling.thumbnailUrl ? (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img
                      src={sibling.thumbnailUrl}
                      alt=""
                      loading="lazy"
                      className="absolute inset-0 size-full object-contain"
                    />
                  ) : (
                    <ImageIcon className="absolute inset-0 m-auto size-6 text-slate-500" />
                  )}
                </span>
                <span className="truncate px-1.5 py-1 font-mono text-[11px] text-slate-300">
                  {sibling.sequence ?? "—"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </DetailSection>
  );
}

type AuditEntry = ImageDetail["audit"][number];

function AuditText({ entry }: { entry: AuditEntry }) {
  const t = useTranslations("imageDetail.audit.action");
  const editorial = useTranslations("imageDetail.editorial");
  const status = useTranslations("workflow.status");
  const data = (entry.data ?? {}) as { changes?: Record<string, unknown>; from?: unknown; to?: unknown };
  if (entry.action === "IMAGE_EDITED") {
    const fields = Object.keys(data.changes ?? {}).map((field) =>
      ["aiTitle", "aiDescription", "aiTags", "aiColor", "aiMaterial"].includes(field)
        ? editorial(field as "aiTitle")
        : field,
    );
    return <>{t("IMAGE_EDITED", { fields: fields.join(", ").toLowerCase() })}</>;
  }
  if (entry.action === "IMAGE_STATUS_CHANGED" && typeof data.from === "string" && typeof data.to === "string")
    return (
      <>{t("IMAGE_STATUS_CHANGED", { from: status(data.from as "PENDENTE"), to: status(data.to as "PENDENTE") })}</>
    );
  if (entry.action === "IMAGE_MATCH_DECIDED" || entry.action === "IMAGE_UNLINKED") return <>{t(entry.action)}</>;
  return <>{t("other", { action: entry.action })}</>;
}

/** The image's audit trail, newest first (the detail answers the latest 100). */
export function AuditTrail({ image }: { image: ImageDetail }) {
  const t = useTranslations("imageDetail.audit");
  const format = useFormatter();
  return (
    <DetailSection id="detail-audit" title={t("title")}>
      {image.audit.length === 0 ? (
        <p className="text-sm text-slate-300">{t("empty")}</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {image.audit.map((entry) => (
            <li key={entry.id} data-testid="audit-entry" className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-slate-100">
                <AuditText entry={entry} />
              </span>
              <span className="text-xs text-slate-400">
                {entry.userName ?? t("system")} ·{" "}
                <time dateTime={entry.createdAt}>
                  {format.dateTime(new Date(entry.createdAt), { dateStyle: "short", timeStyle: "short" })}
                </time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </DetailSection>
  );
}
