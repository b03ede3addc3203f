import { describe, expect, it } from "vitest";
import {
  ALLOWED_TRANSITIONS,
  canTransition,
  checkTransition,
  IMAGE_STATUSES,
  nextStatuses,
} from "@/lib/images/workflow";

const ALLOWED = [
  ["PENDENTE", "APROVADO"],
  ["PENDENTE", "REJEITADO"],
  ["APROVADO", "PENDENTE_ANALISE_IA"],
  ["APROVADO", "PENDENTE"],
  ["REJEITADO", "PENDENTE_ANALISE_IA"],
  ["REJEITADO", "PENDENTE"],
  ["PENDENTE_ANALISE_IA", "PENDENTE"],
] as const;

describe("image status workflow", () => {
  it.each(
    IMAGE_STATUSES.flatMap((from) => IMAGE_STATUSES.filter((to) => to !== from).map((to) => [from, to] as const)),
  )("%s → %s", (from, to) => {
    const expected = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
    expect(checkTransition(from, to).kind).toBe(expected ? "change" : "invalid");
  });

  it("treats the same status as a no-op and explains a refused jump in pt-BR", () => {
    for (const s of IMAGE_STATUSES) expect(checkTransition(s, s)).toEqual({ kind: "same" });
    expect(checkTransition("APROVADO", "REJEITADO")).toEqual({
      kind: "invalid",
      message: "Transição de status inválida: Aprovado → Rejeitado.",
    });
  });

  it("offers the current status first, then the allowed ones", () => {
    expect(nextStatuses("PENDENTE")).toEqual(["PENDENTE", "APROVADO", "REJEITADO"]);
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...IMAGE_STATUSES].sort());
  });
});
