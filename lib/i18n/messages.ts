import enAi from "../../messages/en/ai.json";
import enAiContent from "../../messages/en/ai-content.json";
import enAiKeys from "../../messages/en/ai-keys.json";
import enAiText from "../../messages/en/ai-text.json";
import enBatchAnalytics from "../../messages/en/batch-analytics.json";
import enBatchDryRun from "../../messages/en/batch-dry-run.json";
import enBatchLifecycle from "../../messages/en/batch-lifecycle.json";
import enBatchUrls from "../../messages/en/batch-urls.json";
import enBatches from "../../messages/en/batches.json";
import enCarteira from "../../messages/en/carteira.json";
import enCatalog from "../../messages/en/catalog.json";
import enCatalogBulk from "../../messages/en/catalog-bulk.json";
import enCore from "../../messages/en/core.json";
import enDuplicates from "../../messages/en/duplicates.json";
import enErrors from "../../messages/en/errors.json";
import enImageDetail from "../../messages/en/image-detail.json";
import enExports from "../../messages/en/exports.json";
import enProducts from "../../messages/en/products.json";
import enReports from "../../messages/en/reports.json";
import enShotList from "../../messages/en/shot-list.json";
import enSystem from "../../messages/en/system.json";
import enGeneration from "../../messages/en/generation.json";
import ptAi from "../../messages/pt-BR/ai.json";
import ptAiContent from "../../messages/pt-BR/ai-content.json";
import ptAiKeys from "../../messages/pt-BR/ai-keys.json";
import ptAiText from "../../messages/pt-BR/ai-text.json";
import ptBatchAnalytics from "../../messages/pt-BR/batch-analytics.json";
import ptBatchDryRun from "../../messages/pt-BR/batch-dry-run.json";
import ptBatchLifecycle from "../../messages/pt-BR/batch-lifecycle.json";
import ptBatchUrls from "../../messages/pt-BR/batch-urls.json";
import ptBatches from "../../messages/pt-BR/batches.json";
import ptCarteira from "../../messages/pt-BR/carteira.json";
import ptCatalog from "../../messages/pt-BR/catalog.json";
import ptCatalogBulk from "../../messages/pt-BR/catalog-bulk.json";
import ptCore from "../../messages/pt-BR/core.json";
import ptDuplicates from "../../messages/pt-BR/duplicates.json";
import ptErrors from "../../messages/pt-BR/errors.json";
import ptImageDetail from "../../messages/pt-BR/image-detail.json";
import ptExports from "../../messages/pt-BR/exports.json";
import ptProducts from "../../messages/pt-BR/products.json";
import ptReports from "../../messages/pt-BR/reports.json";
import ptShotList from "../../messages/pt-BR/shot-list.json";
import ptSystem from "../../messages/pt-BR/system.json";
import ptGeneration from "../../messages/pt-BR/generation.json";
import type { AppLocale } from "./config";

/**
 * Messages are split by area (one file per area and locale) so that each capability owns its
 * texts; each file holds its own top-level namespaces. pt-BR is the source of truth for keys.
 * `errors` is shared: the error pages (core) and one message per error code (errors.json).
 */
export const ptBRMessages = {
  ...ptCore,
  ...ptBatches,
  ...ptBatchDryRun,
  ...ptBatchLifecycle,
  ...ptCarteira,
  ...ptCatalog,
  ...ptImageDetail,
  ...ptCatalogBulk,
  ...ptProducts,
  ...ptReports,
  ...ptExports,
  ...ptDuplicates,
  ...ptAi,
  ...ptAiKeys,
  ...ptAiContent,
  ...ptAiText,
  ...ptBatchAnalytics,
  ...ptSystem,
  ...ptBatchUrls,
  ...ptShotList,
  ...ptGeneration,
  errors: { ...ptCore.errors, ...ptErrors.errors },
};
export type Messages = typeof ptBRMessages;

const enMessages: Messages = {
  ...enCore,
  ...enBatches,
  ...enBatchDryRun,
  ...enBatchLifecycle,
  ...enCarteira,
  ...enCatalog,
  ...enImageDetail,
  ...enCatalogBulk,
  ...enProducts,
  ...enReports,
  ...enExports,
  ...enDuplicates,
  ...enAi,
  ...enAiKeys,
  ...enAiContent,
  ...enAiText,
  ...enBatchAnalytics,
  ...enSystem,
  ...enBatchUrls,
  ...enShotList,
  ...enGeneration,
  errors: { ...enCore.errors, ...enErrors.errors },
};

export function getMessages(locale: AppLocale): Messages {
  return locale === "en" ? enMessages : ptBRMessages;
}
