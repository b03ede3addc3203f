import { getTranslations } from "next-intl/server";
import { PRODUCT_TEXT_FIELDS, type ProductTextField } from "./product-fields";

type Props = { values: Record<ProductTextField, string>; collectionLabel: string | null };

/** The product's carteira fields, read-only: what a VIEWER sees instead of the edit form. Server component. */
export async function ProductDetails({ values, collectionLabel }: Props) {
  const t = await getTranslations("products");
  const rows: [string, string][] = [
    ...PRODUCT_TEXT_FIELDS.map((field) => [t(`fields.${field}`), values[field]] as [string, string]),
    [t("fields.collectionId"), collectionLabel ?? ""],
  ];
  return (
    <section aria-labelledby="product-details-title" className="glass rounded-2xl p-6">
      <h2 id="product-details-title" className="mb-4 text-lg font-semibold text-white">
        {t("details")}
      </h2>
      <dl className="grid gap-4 md:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="space-y-1">
            <dt className="text-sm font-medium text-slate-300">{label}</dt>
            <dd className="text-sm text-slate-100">{value || t("none")}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
