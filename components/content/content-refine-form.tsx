"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FIELD_FRAME_CLASSES } from "@/components/ui/field-frame";
import { SpinnerIcon } from "@/components/ui/icons";
import { FEEDBACK_MAX_LENGTH } from "@/lib/ai/content/schemas";

/** The feedback box: what to change ("mais curto", "cite o tecido"), at most FEEDBACK_MAX_LENGTH characters. */
export function ContentRefineForm({
  isBusy,
  isRefining,
  onRefine,
}: {
  isBusy: boolean;
  isRefining: boolean;
  onRefine: (feedback: string) => Promise<boolean>;
}) {
  const t = useTranslations("aiContent");
  const id = useId();
  const [feedback, setFeedback] = useState("");
  const isTooLong = feedback.length > FEEDBACK_MAX_LENGTH;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!feedback.trim() || isTooLong) return;
    if (await onRefine(feedback.trim())) setFeedback("");
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-1.5" data-testid="content-refine">
      <label htmlFor={id} className="block text-xs font-medium text-slate-300">
        {t("feedbackLabel")}
      </label>
      <textarea
        id={id}
        rows={2}
        value={feedback}
        onChange={(event) => setFeedback(event.target.value)}
        placeholder={t("feedbackPlaceholder")}
        aria-describedby={`${id}-count`}
        aria-invalid={isTooLong || undefined}
        className={cn(FIELD_FRAME_CLASSES, "w-full resize-y px-3 py-2 text-sm placeholder:text-slate-500")}
      />
      <div className="flex items-center gap-2">
        <span id={`${id}-count`} className={cn("text-xs", isTooLong ? "text-rose-300" : "text-slate-400")}>
          {isTooLong
            ? t("feedbackTooLong", { max: FEEDBACK_MAX_LENGTH })
            : t("feedbackCount", { count: feedback.length, max: FEEDBACK_MAX_LENGTH })}
        </span>
        <Button
          type="submit"
          variant="secondary"
          size="sm"
          className="ml-auto"
          disabled={isBusy || !feedback.trim() || isTooLong}
        >
          {isRefining ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {isRefining ? t("refining") : t("refine")}
        </Button>
      </div>
    </form>
  );
}
