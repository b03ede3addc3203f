import enBatches from "../../messages/en/batches.json";
import enCarteira from "../../messages/en/carteira.json";
import enCore from "../../messages/en/core.json";
import enProducts from "../../messages/en/products.json";
import ptBatches from "../../messages/pt-BR/batches.json";
import ptCarteira from "../../messages/pt-BR/carteira.json";
import ptCore from "../../messages/pt-BR/core.json";
import ptProducts from "../../messages/pt-BR/products.json";
import type { AppLocale } from "./config";

/**
 * Messages are split by area (one file per area and locale) so that each capability owns its
 * texts; each file holds its own top-level namespaces. pt-BR is the source of truth for keys.
 */
export const ptBRMessages = { ...ptCore, ...ptBatches, ...ptCarteira, ...ptProducts };
export type Messages = typeof ptBRMessages;

const enMessages: Messages = { ...enCore, ...enBatches, ...enCarteira, ...enProducts };

export function getMessages(locale: AppLocale): Messages {
  return locale === "en" ? enMessages : ptBRMessages;
}
