import { redirect } from "next/navigation";

// The metrics page is being built (issue #16); until it lands the reports area opens on coverage.
export default function RelatoriosPage() {
  redirect("/relatorios/cobertura");
}
