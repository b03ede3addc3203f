/** The border, background, hover, focus and disabled look every form control shares (text fields, selects). */
export const FIELD_FRAME_CLASSES = [
  "block w-full rounded-lg border border-white/15 bg-slate-950/60 text-slate-100 transition-colors hover:border-white/25",
  "focus-visible:border-accent-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-400",
  "disabled:opacity-70",
].join(" ");

/** The hint under a control, linked to it by `aria-describedby`. */
export function FieldHint({ id, hint }: { id: string | undefined; hint: string | undefined }) {
  return hint ? (
    <p id={id} className="text-xs text-slate-400">
      {hint}
    </p>
  ) : null;
}
