import { beforeEach, describe, expect, it } from "vitest";
import { getDashboardCounts } from "@/lib/dashboard/get-dashboard-counts";
import { truncateAllTables } from "../../support/db";
import { scopeOf, seedCollection, seedImage } from "../reconciliation/seed";

beforeEach(async () => {
  await truncateAllTables();
});

describe("dashboard counts", () => {
  it("counts failed and not yet processed photos apart from the ones pending review", async () => {
    const scope = scopeOf(await seedCollection("Verão"));
    await seedImage("pendente-1.jpg", scope, { status: "PENDENTE" });
    await seedImage("pendente-2.jpg", scope, { status: "PENDENTE" });
    await seedImage("aprovada.jpg", scope, { status: "APROVADO" });
    // A failed photo keeps the default review status PENDENTE: it must not count as pending.
    await seedImage("falhou-1.jpg", scope, { processingStatus: "FAILED", processingError: "ilegível" });
    await seedImage("falhou-2.jpg", scope, { processingStatus: "FAILED", processingError: "ilegível" });
    await seedImage("falhou-3.jpg", scope, { processingStatus: "FAILED", processingError: "ilegível" });
    await seedImage("na-fila.jpg", scope, { processingStatus: "QUEUED" });
    await seedImage("enviada.jpg", scope, { processingStatus: "UPLOADED" });

    expect(await getDashboardCounts()).toMatchObject({
      images: 3,
      imagesPending: 2,
      imagesApproved: 1,
      imagesRejected: 0,
      imagesFailed: 3,
      imagesInProgress: 2,
    });
  });
});
