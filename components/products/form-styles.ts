/** Shared look of selects and compact inputs in product / report / reconciliation forms. */
export const selectClass =
  "h-11 w-full rounded-lg border border-white/15 bg-slate-950/60 px-3 text-sm text-slate-100 hover:border-white/25 " +
  "focus-visible:border-accent-400 focus-visible:outline-2 focus-visible:outline-accent-400";
export const labelClass = "block text-sm font-medium text-slate-200";
