"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { EditableField } from "@/components/catalog/image-detail-field";
import { DetailSection } from "@/components/catalog/image-detail-fields";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { SparkleIcon, SpinnerIcon } from "@/components/ui/icons";
import type { ContentState, EditContentInput } from "@/lib/ai/content/schemas";
import {
  useContentState,
  useEditContent,
  useGenerateContent,
  useRestoreContent,
  type ContentOwnerRef,
} from "@/lib/queries/content";
import { ContentCompare } from "./content-compare";
import { ContentRefineForm } from "./content-refine-form";
import { ContentVersionList } from "./content-versions";

type Notice = { tone: "info" | "error"; text: string } | null;

/**
 * "Conteúdo": the AI e-commerce texts of a photo (image detail panel) or of a product (product
 * page) — generate, refine with feedback, edit the title, description and hashtags in place (each
 * edit is a version), the versions with who/when/feedback/model/tokens, compare two, restore one.
 * Writing is for EDITOR and up (checked again by the API); every role reads.
 */
export function ContentPanel({ owner, canEdit }: { owner: ContentOwnerRef; canEdit: boolean }) {
  const t = useTranslations("aiContent");
  const errorText = useErrorText();
  const state = useContentState(owner);
  const generate = useGenerateContent(owner);
  const edit = useEditContent(owner);
  const restore = useRestoreContent(owner);
  const [notice, setNotice] = useState<Notice>(null);
  const [pending, setPending] = useState<"generate" | "refine" | null>(null);
  const isBusy = generate.isPending || restore.isPending || edit.isPending;

  const data = state.data;
  const current = data?.versions.find((v) => v.version === data.currentVersion) ?? null;
  const savedNotice = (next: ContentState) =>
    setNotice({ tone: "info", text: t("saved", { version: next.currentVersion ?? 0 }) });

  const run = async (feedback?: string) => {
    setNotice(null);
    setPending(feedback ? "refine" : "generate");
    try {
      savedNotice(await generate.mutateAsync(feedback ? { feedback } : {}));
      return true;
    } catch (error) {
      setNotice({ tone: "error", text: errorText(error) });
      return false;
    } finally {
      setPending(null);
    }
  };
  const onRestore = (version: number) => {
    setNotice(null);
    restore.mutate(version, {
      onSuccess: (next) =>
        setNotice({ tone: "info", text: t("restored", { version, current: next.currentVersion ?? 0 }) }),
      onError: (error) => setNotice({ tone: "error", text: errorText(error) }),
    });
  };
  // EditableField shows its own saving state and error; the panel says which version it became.
  const save = (field: keyof EditContentInput) =>
    canEdit && current
      ? async (value: string | string[]) => savedNotice(await edit.mutateAsync({ [field]: value }))
      : undefined;

  return (
    <DetailSection
      id={owner.kind === "image" ? "detail-content" : "product-content"}
      title={owner.kind === "image" ? t("title") : t("productTitle")}
      tone="editable"
      aside={
        data?.currentVersion ? (
          <span className="flex items-center gap-2 text-xs">
            {data.isManual ? <span className="text-amber-200">{t("manualBadge")}</span> : null}
            <span data-testid="content-current-version" className="font-mono text-slate-200">
              {t("versionBadge", { version: data.currentVersion })}
            </span>
          </span>
        ) : null
      }
    >
      <div className="space-y-4">
        {owner.kind === "product" ? <p className="text-xs text-slate-400">{t("productHint")}</p> : null}
        {state.isPending ? (
          <SpinnerIcon className="size-5 animate-spin text-slate-400" aria-label={t("generating")} />
        ) : state.isError ? (
          <p role="alert" className="text-sm text-rose-300">
            {errorText(state.error)}
          </p>
        ) : current ? (
          <div className="space-y-3" data-testid="content-current">
            <EditableField
              label={t("fields.titulo")}
              value={current.titulo}
              kind="text"
              onSave={save("titulo")}
              testId="content-titulo"
            />
            <EditableField
              label={t("fields.descricao")}
              hint={t("descricaoHint")}
              value={current.descricao}
              kind="textarea"
              onSave={save("descricao")}
              testId="content-descricao"
            />
            <EditableField
              label={t("fields.hashtags")}
              hint={canEdit ? t("hashtagsHint") : undefined}
              value={current.hashtags}
              kind="tags"
              onSave={save("hashtags")}
              testId="content-hashtags"
            />
            <div>
              <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-400">
                {t("fields.pontosChave")}
              </p>
              {current.pontosChave.length > 0 ? (
                <ul data-testid="content-pontos" className="list-disc space-y-0.5 pl-5 text-sm text-slate-100">
                  {current.pontosChave.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-400">{t("noKeyPoints")}</p>
              )}
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-300">{canEdit ? t("empty") : t("emptyViewer")}</p>
        )}

        {canEdit && !state.isPending ? (
          <div className="space-y-3 border-t border-white/10 pt-3">
            {current ? (
              <ContentRefineForm isBusy={isBusy} isRefining={pending === "refine"} onRefine={(f) => run(f)} />
            ) : null}
            <Button
              variant={current ? "ghost" : "primary"}
              size="sm"
              data-testid="content-generate"
              disabled={isBusy}
              onClick={() => void run()}
            >
              {pending === "generate" ? (
                <SpinnerIcon className="size-4 animate-spin" />
              ) : (
                <SparkleIcon className="size-4" />
              )}
              {pending === "generate" ? t("generating") : current ? t("regenerate") : t("generate")}
            </Button>
          </div>
        ) : null}

        <p
          role="status"
          data-testid="content-notice"
          className={notice?.tone === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-200"}
        >
          {notice?.text}
        </p>

        {data && data.versions.length > 0 ? (
          <details className="group border-t border-white/10 pt-3" data-testid="content-history">
            <summary className="cursor-pointer text-sm font-medium text-slate-200">
              {t("versions", { count: data.versions.length })}
            </summary>
            <div className="mt-3 space-y-4">
              <ContentVersionList
                versions={data.versions}
                currentVersion={data.currentVersion}
                canEdit={canEdit}
                isBusy={isBusy}
                onRestore={onRestore}
              />
              <div>
                <h4 className="mb-2 text-sm font-medium text-slate-200">{t("compare")}</h4>
                <ContentCompare key={data.versions[0]?.version} versions={data.versions} />
              </div>
            </div>
          </details>
        ) : null}
      </div>
    </DetailSection>
  );
}
