"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changeImageStatusAction, unlinkImageAction } from "@/app/(dashboard)/produtos/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import type { ImageStatus, ProcessingStatus } from "@/lib/generated/prisma/enums";
import { ImageStatusSelect } from "./image-status-select";

type Photo = {
  id: string;
  originalName: string;
  status: ImageStatus;
  processingStatus: ProcessingStatus;
  processingError: string | null;
  processingErrorCode: string | null;
  isOtherCollection: boolean;
};
type Props = { productId: string; groups: { sequence: string; photos: Photo[] }[]; canEdit: boolean };

/** Linked photos grouped by sequence (angle), each with its workflow status and an unlink button. */
export function ProductPhotos({ productId, groups, canEdit }: Props) {
  const t = useTranslations("products");
  const tw = useTranslations("workflow");
  const errorText = useErrorText();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const run = (action: () => Promise<{ ok: boolean; code?: string; details?: unknown }>, okText: string) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { kind: "ok", text: okText } : { kind: "error", text: errorText(result) });
      if (result.ok) router.refresh();
    });

  const failureText = (photo: Photo) => errorText({ code: photo.processingErrorCode, message: photo.processingError });

  if (groups.length === 0) return <p className="text-sm text-slate-300">{t("noPhotos")}</p>;
  return (
    <div className="space-y-6">
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
        >
          {message.text}
        </p>
      ) : null}
      {groups.map((group) => (
        <section
          key={group.sequence}
          aria-label={group.sequence ? t("sequence", { sequence: group.sequence }) : t("noSequence")}
        >
          <h3 className="mb-3 text-sm font-semibold text-slate-200">
            {group.sequence ? t("sequence", { sequence: group.sequence }) : t("noSequence")}
          </h3>
          <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
            {group.photos.map((photo) => (
              <li key={photo.id} className="glass space-y-2 rounded-xl p-2">
                {photo.processingStatus === "READY" ? (
                  // eslint-disable-next-line @next/next/no-img-element -- thumbnails come from our own API, already sized
                  <img
                    src={`/api/v1/images/${photo.id}/thumbnail`}
                    alt={photo.originalName}
                    loading="lazy"
                    className="aspect-square w-full rounded-lg bg-slate-900 object-cover"
                  />
                ) : (
                  // No thumbnail exists for a photo that failed or is still waiting: a state, not a broken image.
                  <div
                    data-testid="photo-state"
                    data-status={photo.processingStatus}
                    title={failureText(photo) || undefined}
                    className="flex aspect-square w-full flex-col items-center justify-center gap-1 rounded-lg bg-slate-900 p-2 text-center"
                  >
                    <span
                      className={
                        photo.processingStatus === "FAILED"
                          ? "rounded-full bg-rose-500/20 px-2 py-0.5 text-xs font-medium text-rose-200"
                          : "rounded-full bg-slate-500/20 px-2 py-0.5 text-xs text-slate-200"
                      }
                    >
                      {photo.processingStatus === "FAILED" ? t("photoFailed") : t("photoPending")}
                    </span>
                    {photo.processingStatus === "FAILED" && failureText(photo) ? (
                      <span className="line-clamp-3 text-xs text-rose-200/80">{failureText(photo)}</span>
                    ) : null}
                  </div>
                )}
                <p className="truncate text-xs text-slate-200" title={photo.originalName}>
                  {photo.originalName}
                </p>
                {photo.isOtherCollection ? <p className="text-xs text-amber-300">{t("otherCollection")}</p> : null}
                {canEdit ? (
                  <ImageStatusSelect
                    id={`status-${photo.id}`}
                    label={tw("statusOf", { name: photo.originalName })}
                    value={photo.status}
                    disabled={isPending}
                    onChange={(to) =>
                      run(() => changeImageStatusAction({ imageIds: [photo.id], status: to }), tw("changed"))
                    }
                  />
                ) : (
                  <p className="text-xs text-slate-300">
                    <span className="sr-only">{tw("statusOf", { name: photo.originalName })}: </span>
                    {tw(`status.${photo.status}`)}
                  </p>
                )}
                {canEdit ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="w-full"
                    disabled={isPending}
                    aria-label={`${t("unlink")} ${photo.originalName}`}
                    onClick={() => {
                      if (window.confirm(t("unlinkConfirm", { name: photo.originalName })))
                        run(() => unlinkImageAction({ productId, imageId: photo.id }), t("unlinked"));
                    }}
                  >
                    {t("unlink")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
