"use client";

import { useTranslations } from "next-intl";
import { CANONICAL_FIELDS, type CanonicalField } from "@/lib/carteira/parse/types";
import { FilterSelect } from "@/components/ui/filter-select";
import type { CarteiraMapping, CarteiraPreviewSheet } from "@/lib/queries/types";

/** First rows of one sheet with a field <select> per column (header → field, or "ignore" = keep as extra). */
export function ColumnMappingTable({
  sheet,
  mapping,
  onChange,
  disabled,
}: {
  sheet: CarteiraPreviewSheet;
  mapping: CarteiraMapping;
  onChange: (header: string, field: CanonicalField | null) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("carteira");
  const fieldOptions = CANONICAL_FIELDS.map((f) => ({ value: f, label: t(`fields.${f}`) }));
  const captionId = `preview-caption-${sheet.name.replace(/\W+/g, "-")}`;
  // `relative`: the sr-only labels are absolutely positioned and would otherwise widen the page.
  return (
    <div className="glass-subtle relative overflow-x-auto rounded-xl">
      <table className="w-full text-left text-xs" aria-describedby={captionId}>
        <caption id={captionId} className="sr-only">
          {t("preview.firstRows", { sheet: sheet.name })}
        </caption>
        <thead className="align-top text-slate-300">
          <tr>
            <th scope="col" className="p-2 font-medium">
              {t("preview.line")}
            </th>
            {sheet.headers.map((header, i) => {
              const id = `map-${i}-${captionId}`;
              const value = mapping[header] ?? "";
              return (
                <th key={header} scope="col" className="p-2 font-medium">
                  <div className="space-y-1">
                    <span className="block truncate text-slate-100" title={header}>
                      {header}
                    </span>
                    <FilterSelect
                      id={id}
                      label={t("preview.columnLabel", { header })}
                      isLabelHidden
                      size="sm"
                      className="min-w-40"
                      emptyOption={t("fields.ignore")}
                      options={fieldOptions}
                      value={value}
                      disabled={disabled}
                      onChange={(e) =>
                        onChange(header, e.target.value === "" ? null : (e.target.value as CanonicalField))
                      }
                    />
                  </div>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-white/10 text-slate-100">
          {sheet.rows.map((row) => (
            <tr key={row.line}>
              <td className="p-2 text-slate-400 tabular-nums">{row.line}</td>
              {row.cells.map((cell, i) => (
                <td key={i} className="max-w-56 truncate p-2" title={cell}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
