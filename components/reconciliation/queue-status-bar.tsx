"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changeImageStatusAction } from "@/app/(dashboard)/produtos/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { IMAGE_STATUSES } from "@/lib/images/workflow";
import type { ImageStatus } from "@/lib/generated/prisma/enums";

/** Bulk workflow status for the photos ticked in the Conciliação list (all-or-nothing on the server). */
export function QueueStatusBar({ selected, onDone }: { selected: Set<string>; onDone: () => void }) {
  const t = useTranslations("reconciliation");
  const tw = useTranslations("workflow");
  const [status, setStatus] = useState<ImageStatus>("APROVADO");
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const errorText = useErrorText();
  if (selected.size === 0) return null;
  const apply = () =>
    startTransition(async () => {
      const result = await changeImageStatusAction({ imageIds: [...selected], status });
      if (result.ok) {
        setMessage({ kind: "ok", text: tw("changed") });
        onDone();
      } else setMessage({ kind: "error", text: errorText(result) });
    });
  return (
    <div className="glass flex flex-wrap items-center gap-3 rounded-2xl p-3 text-sm text-slate-200">
      <span>{t("selected", { count: selected.size })}</span>
      <FilterSelect
        id="bulk-status"
        label={t("bulkStatus")}
        isLabelHidden
        size="sm"
        options={IMAGE_STATUSES.map((s) => ({ value: s, label: tw(`status.${s}`) }))}
        value={status}
        onChange={(e) => setStatus(e.target.value as ImageStatus)}
      />
      <Button size="sm" variant="secondary" disabled={isPending} onClick={apply}>
        {t("applyStatus")}
      </Button>
      {message ? (
        <span
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "text-rose-300" : "text-emerald-300"}
        >
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
