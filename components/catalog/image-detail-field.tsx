"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { cn } from "@/components/ui/cn";
import { FIELD_FRAME_CLASSES } from "@/components/ui/field-frame";

export type EditableKind = "text" | "textarea" | "tags";
type Value = string | string[] | null;

function toDraft(value: Value): string {
  if (Array.isArray(value)) return value.join(", ");
  return value ?? "";
}

/** What the draft saves as: tags split on commas (trimmed, empty and repeated ones dropped), text trimmed. */
function fromDraft(draft: string, kind: EditableKind): string | string[] {
  if (kind === "tags") return [...new Set(draft.split(",").map((tag) => tag.trim()))].filter(Boolean);
  return draft.trim();
}

function isSame(a: Value, b: string | string[]): boolean {
  if (Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b);
  return (a ?? "") === b;
}

function Shown({ value, kind, empty }: { value: Value; kind: EditableKind; empty: string }) {
  if (Array.isArray(value) && value.length > 0)
    return (
      <span className="flex flex-wrap gap-1">
        {value.map((tag) => (
          <span
            key={tag}
            data-testid="tag-chip"
            className="rounded-full border border-white/15 bg-white/5 px-2 py-px text-xs text-slate-100"
          >
            {tag}
          </span>
        ))}
      </span>
    );
  if (typeof value === "string" && value !== "")
    return <span className={cn("text-slate-100", kind === "textarea" && "whitespace-pre-line")}>{value}</span>;
  return <span className="text-slate-400">{empty}</span>;
}

/**
 * One IA / editorial field, edited in place: click it (or Enter on it) to edit; Enter saves (in the
 * description Ctrl+Enter, Enter is a new line), leaving the field saves, Esc cancels. Without
 * `onSave` (a VIEWER) it is plain text. Saving and failures are said under it, in words.
 */
export function EditableField({
  label,
  hint,
  aside,
  value,
  kind,
  onSave,
  testId,
}: {
  label: string;
  hint?: string;
  /** Beside the label: the AI's confidence, "editado à mão". */
  aside?: ReactNode;
  value: Value;
  kind: EditableKind;
  /** Resolves when the server saved; rejects with the API error. Absent: read-only. */
  onSave?: (value: string | string[]) => Promise<unknown>;
  testId: string;
}) {
  const t = useTranslations("imageDetail.editorial");
  const errorText = useErrorText();
  const labelId = useId();
  const valueId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" } | { kind: "error"; error: unknown }>({
    kind: "idle",
  });
  const displayRef = useRef<HTMLButtonElement>(null);
  const isEditing = draft !== null;
  // The field's button takes the focus back once it is rendered again (after the commit that ends
  // the edit), not on the next frame: a frame could come before the commit, and the focus was lost
  // (a fresh-clone CI run: the saved description was not focused).
  const isFocusDue = useRef(false);
  const returnFocusToField = () => {
    isFocusDue.current = true;
  };
  useEffect(() => {
    if (isEditing || !isFocusDue.current) return;
    isFocusDue.current = false;
    displayRef.current?.focus();
  });

  const cancel = () => {
    setDraft(null);
    setState({ kind: "idle" });
    returnFocusToField();
  };
  const save = async (returnFocus: boolean) => {
    if (draft === null || !onSave || state.kind === "saving") return;
    const next = fromDraft(draft, kind);
    if (isSame(value, next)) {
      setDraft(null);
      if (returnFocus) returnFocusToField();
      return;
    }
    setState({ kind: "saving" });
    try {
      await onSave(next);
      setDraft(null);
      setState({ kind: "saved" });
      if (returnFocus) returnFocusToField();
    } catch (error) {
      setState({ kind: "error", error });
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      // Cancels the edit only: the panel stays open.
      event.preventDefault();
      event.stopPropagation();
      cancel();
    } else if (event.key === "Enter" && (kind !== "textarea" || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save(true);
    }
  };

  const status =
    state.kind === "saving" ? (
      <span className="text-slate-300">{t("saving")}</span>
    ) : state.kind === "error" ? (
      <span role="alert" className="text-rose-300">
        {errorText(state.error)}
      </span>
    ) : state.kind === "saved" ? (
      <span className="text-emerald-300">{t("saved")}</span>
    ) : null;

  const control = cn(FIELD_FRAME_CLASSES, "px-2.5 py-1.5 text-sm");
  return (
    <div data-testid={testId} className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <span id={labelId} className="text-xs font-medium uppercase tracking-wide text-slate-400">
          {label}
          {hint && isEditing ? <span className="ml-1 normal-case tracking-normal">({hint})</span> : null}
        </span>
        {aside ? <span className="mr-auto inline-flex items-center gap-2">{aside}</span> : null}
        <span aria-live="polite" className="text-xs">
          {status}
        </span>
      </div>
      {isEditing ? (
        kind === "textarea" ? (
          <textarea
            aria-labelledby={labelId}
            value={draft}
            autoFocus
            rows={5}
            readOnly={state.kind === "saving"}
            aria-busy={state.kind === "saving"}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => void save(false)}
            className={cn(control, "resize-y")}
          />
        ) : (
          <input
            aria-labelledby={labelId}
            value={draft}
            autoFocus
            readOnly={state.kind === "saving"}
            aria-busy={state.kind === "saving"}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => void save(false)}
            className={cn(control, "h-9")}
          />
        )
      ) : onSave ? (
        <button
          ref={displayRef}
          type="button"
          aria-label={t("edit", { field: label })}
          aria-describedby={valueId}
          onClick={() => {
            setDraft(toDraft(value));
            setState({ kind: "idle" });
          }}
          className="block w-full rounded-lg border border-white/[0.06] bg-white/[0.02] px-2.5 py-1.5 text-left text-sm transition-colors hover:border-white/20 hover:bg-white/5 focus-visible:outline-2 focus-visible:outline-accent-300"
        >
          <span id={valueId}>
            <Shown value={value} kind={kind} empty={t("add")} />
          </span>
        </button>
      ) : (
        <p aria-labelledby={labelId} className="px-2.5 py-1.5 text-sm">
          <Shown value={value} kind={kind} empty={t("empty")} />
        </p>
      )}
    </div>
  );
}
