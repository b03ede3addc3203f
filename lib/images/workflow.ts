import type { ImageStatus } from "@/lib/generated/prisma/enums";

/**
 * Image review workflow (seed 000): Pendente → Aprovado | Rejeitado → Pendente Análise IA.
 * A reviewed photo (approved or rejected) can be sent to AI analysis or reopened; a photo waiting
 * for AI goes back to review (Pendente) once analysed. Jumps that skip the review — Pendente
 * straight to AI, or Aprovado ↔ Rejeitado without reopening — are refused so every verdict has
 * one recorded review. Pure table: no DB, unit-tested.
 */
export const IMAGE_STATUSES = [
  "PENDENTE",
  "APROVADO",
  "REJEITADO",
  "PENDENTE_ANALISE_IA",
] as const satisfies readonly ImageStatus[];

export const ALLOWED_TRANSITIONS: Readonly<Record<ImageStatus, readonly ImageStatus[]>> = {
  PENDENTE: ["APROVADO", "REJEITADO"],
  APROVADO: ["PENDENTE_ANALISE_IA", "PENDENTE"],
  REJEITADO: ["PENDENTE_ANALISE_IA", "PENDENTE"],
  PENDENTE_ANALISE_IA: ["PENDENTE"],
};

export const STATUS_LABELS_PT: Readonly<Record<ImageStatus, string>> = {
  PENDENTE: "Pendente",
  APROVADO: "Aprovado",
  REJEITADO: "Rejeitado",
  PENDENTE_ANALISE_IA: "Pendente Análise IA",
};

export type TransitionCheck = { kind: "change" } | { kind: "same" } | { kind: "invalid"; message: string };

export function canTransition(from: ImageStatus, to: ImageStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Classifies one requested change: a real change, a no-op (already there) or a refused jump. */
export function checkTransition(from: ImageStatus, to: ImageStatus): TransitionCheck {
  if (from === to) return { kind: "same" };
  if (canTransition(from, to)) return { kind: "change" };
  return {
    kind: "invalid",
    message: `Transição de status inválida: ${STATUS_LABELS_PT[from]} → ${STATUS_LABELS_PT[to]}.`,
  };
}

/** Statuses a person may pick for a photo currently in `from` (itself first, for a select). */
export function nextStatuses(from: ImageStatus): ImageStatus[] {
  return [from, ...ALLOWED_TRANSITIONS[from]];
}
