"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { AiAnalysisFacts, ConfidenceChip } from "@/components/ai/image-ai-summary";
import { imageAiView } from "@/components/ai/image-ai-view";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LockIcon } from "@/components/ui/icons";
import { nextStatuses } from "@/lib/images/workflow";
import { useUpdateImage } from "@/lib/queries/image-detail";
import type { ImageDetail, ImageUpdate } from "@/lib/queries/types";
import { WORKFLOW_TONES } from "./catalog-card";
import { EditableField, type EditableKind } from "./image-detail-field";

/** A titled group of the panel; `tone` separates the read-only carteira from the editable fields at a glance. */
export function DetailSection({
  title,
  id,
  children,
  aside,
  tone = "plain",
}: {
  title: string;
  id: string;
  children: ReactNode;
  aside?: ReactNode;
  tone?: "plain" | "readonly" | "editable";
}) {
  return (
    <section
      aria-labelledby={id}
      data-testid={id}
      className={cn(
        "rounded-xl border p-4",
        tone === "readonly" && "border-white/10 bg-slate-900/60",
        tone === "editable" && "border-accent-400/25 bg-accent-500/[0.06]",
        tone === "plain" && "border-white/10",
      )}
    >
      <div className="mb-3 flex items-center justify-between gap-2">
        <h3 id={id} className="text-sm font-semibold text-white">
          {title}
        </h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** Label / value rows; values that may be long wrap instead of widening the panel. */
export function Facts({ rows }: { rows: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <dl className="grid grid-cols-[minmax(7rem,auto)_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-slate-400">{row.label}</dt>
          <dd data-testid={row.testId} className="min-w-0 break-words text-slate-100">
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

const CARTEIRA_FIELDS = ["nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor"] as const;

/** The carteira fields of the linked product: read-only here (they belong to the product and the import). */
export function CarteiraGroup({ image }: { image: ImageDetail }) {
  const t = useTranslations("imageDetail.carteira");
  const carteira = image.carteira;
  return (
    <DetailSection
      id="detail-carteira"
      title={t("title")}
      tone="readonly"
      aside={
        <span className="inline-flex items-center gap-1 text-xs text-slate-400">
          <LockIcon className="size-3.5" />
          {t("readOnly")}
        </span>
      }
    >
      {carteira ? (
        <Facts
          rows={CARTEIRA_FIELDS.map((field) => ({
            label: t(field),
            value: carteira[field] ?? <span className="text-slate-400">—</span>,
            testId: `carteira-${field}`,
          }))}
        />
      ) : (
        <p className="text-sm text-slate-300">{t("noProduct")}</p>
      )}
    </DetailSection>
  );
}

/** `confidence`: the key of the field in the analysis's aiConfidence. */
const EDITORIAL_FIELDS: {
  field: "aiTitle" | "aiDescription" | "aiTags" | "aiColor" | "aiMaterial";
  kind: EditableKind;
  confidence?: string;
}[] = [
  { field: "aiTitle", kind: "text" },
  { field: "aiDescription", kind: "textarea", confidence: "descricao" },
  { field: "aiTags", kind: "tags", confidence: "tags" },
  { field: "aiColor", kind: "text", confidence: "cor" },
  { field: "aiMaterial", kind: "text", confidence: "material" },
];

/**
 * Title, description, tags, colour, material, secondary colours, garment type and style: edited in
 * place by EDITOR and ADMIN, shown to VIEWER; with the last AI analysis's source, date, confidences,
 * divergence and error.
 */
export function EditorialGroup({ image, canEdit }: { image: ImageDetail; canEdit: boolean }) {
  const t = useTranslations("imageDetail.editorial");
  const tAi = useTranslations("ai.detail");
  const update = useUpdateImage(image.id);
  const view = imageAiView(image);
  const save =
    (field: (typeof EDITORIAL_FIELDS)[number]["field"] | (typeof extras)[number]["column"]) =>
    (value: string | string[]) =>
      update.mutateAsync({ [field]: value } as ImageUpdate);
  const asideOf = (column: string, confidence: string | undefined) => {
    const isManual = view.manualFields.includes(column);
    const chip = confidence && !isManual ? <ConfidenceChip value={view.confidence[confidence]} /> : null;
    const manual = isManual ? (
      <span data-testid="ai-manual" className="text-[11px] normal-case tracking-normal text-slate-300">
        {tAi("manual")}
      </span>
    ) : null;
    return chip || manual ? (
      <>
        {chip}
        {manual}
      </>
    ) : undefined;
  };
  const extras = [
    {
      testId: "field-aiSecondaryColors",
      label: tAi("secondaryColors"),
      value: view.secondaryColors,
      column: "aiSecondaryColors",
      confidence: undefined,
    },
    {
      testId: "field-aiTipoPeca",
      label: tAi("tipoPeca"),
      value: view.tipoPeca,
      column: "aiTipoPeca",
      confidence: "tipo_peca",
    },
    { testId: "field-aiStyle", label: tAi("style"), value: view.style, column: "aiStyle", confidence: "estilo" },
  ] as const;
  return (
    <DetailSection
      id="detail-editorial"
      title={t("title")}
      tone="editable"
      aside={
        <span data-testid="ai-status" className="text-xs text-slate-300">
          {t("aiState")}: {t(`aiStatus.${image.aiStatus}`)}
        </span>
      }
    >
      <AiAnalysisFacts view={view} />
      <p className="mb-3 text-xs text-slate-400">{canEdit ? `${t("hint")} ${t("hintTextarea")}` : t("viewerHint")}</p>
      <div className="space-y-3">
        {EDITORIAL_FIELDS.map(({ field, kind, confidence }) => (
          <EditableField
            key={`${image.id}:${field}`}
            testId={`field-${field}`}
            label={t(field)}
            hint={kind === "tags" ? t("aiTagsHint") : undefined}
            aside={asideOf(field, confidence)}
            kind={kind}
            value={image[field]}
            onSave={canEdit ? save(field) : undefined}
          />
        ))}
        {extras.map((extra) => (
          <EditableField
            key={`${image.id}:${extra.column}`}
            testId={extra.testId}
            label={extra.label}
            aside={asideOf(extra.column, extra.confidence)}
            kind={Array.isArray(extra.value) ? "tags" : "text"}
            value={extra.value}
            onSave={canEdit ? save(extra.column) : undefined}
          />
        ))}
      </div>
    </DetailSection>
  );
}

/** The current workflow status and one button per move lib/images/workflow.ts allows from it (EDITOR and ADMIN). */
export function WorkflowControls({ image, canEdit }: { image: ImageDetail; canEdit: boolean }) {
  const t = useTranslations("imageDetail.workflow");
  const status = useTranslations("workflow.status");
  const errorText = useErrorText();
  const update = useUpdateImage(image.id);
  const targets = nextStatuses(image.status).filter((next) => next !== image.status);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="detail-workflow">
      <span className="sr-only">{t("current")}</span>
      <span
        data-testid="detail-status"
        className={cn("rounded-full border px-2.5 py-0.5 text-xs font-medium", WORKFLOW_TONES[image.status])}
      >
        {status(image.status)}
      </span>
      {canEdit
        ? targets.map((target) => (
            <Button
              key={target}
              size="sm"
              variant={target === "APROVADO" ? "primary" : "secondary"}
              disabled={update.isPending}
              onClick={() => update.mutate({ status: target })}
            >
              {t(`to.${target}`)}
            </Button>
          ))
        : null}
      <span aria-live="polite" className="text-xs">
        {update.isPending ? <span className="text-slate-300">{t("changing")}</span> : null}
        {update.isError ? (
          <span role="alert" className="text-rose-300">
            {errorText(update.error)}
          </span>
        ) : null}
      </span>
    </div>
  );
}
