"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { AGE_BANDS, hasFilters, REASONS, TIERS, VIEWS, type QueueSearch } from "@/lib/review/queue-filters";
import type { TypologyOption } from "@/server/typology-options";
import { AGE_KEYS, REASON_KEYS, TIER_KEYS, VIEW_KEYS } from "./labels";

/** View tabs and the filters (typology, tier, reason, unit, age). Selects apply at once; the unit on Enter. */
export function QueueFiltersBar({
  search,
  typologies,
  units,
  onChange,
}: {
  search: QueueSearch;
  typologies: TypologyOption[];
  units: string[];
  onChange: (next: QueueSearch) => void;
}) {
  const t = useTranslations("review");
  const id = useId();
  const [unit, setUnit] = useState(search.unit ?? "");

  const set = <K extends keyof QueueSearch>(key: K, value: QueueSearch[K] | "") => {
    const next = { ...search };
    if (value === "" || value === undefined) delete next[key];
    else next[key] = value as QueueSearch[K];
    onChange(next);
  };
  const submitUnit = (event: FormEvent) => {
    event.preventDefault();
    set("unit", unit.trim());
  };
  const selectClass = "mt-1 h-10 w-full rounded border border-neutral-500 bg-white px-2";

  return (
    <div className="mt-5">
      <nav aria-label={t("views")} className="flex flex-wrap gap-1 border-b border-neutral-300">
        {VIEWS.map((view) => (
          <button
            key={view}
            type="button"
            aria-current={search.view === view ? "page" : undefined}
            onClick={() => onChange({ ...search, view })}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${search.view === view ? "border-france text-france" : "border-transparent text-muted hover:text-france"}`}
          >
            {t(VIEW_KEYS[view])}
          </button>
        ))}
      </nav>
      <form onSubmit={submitUnit} className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" aria-label={t("filters")}>
        <div className="text-sm font-medium">
          <label htmlFor={`${id}-filterTypology`}>{t("filterTypology")}</label>
          <select id={`${id}-filterTypology`} className={selectClass} value={search.typology ?? ""} onChange={(event) => set("typology", event.target.value as QueueSearch["typology"])}>
            <option value="">{t("any")}</option>
            {typologies.map((typology) => (
              <option key={typology.key} value={typology.key}>
                {typology.label}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm font-medium">
          <label htmlFor={`${id}-filterTier`}>{t("filterTier")}</label>
          <select id={`${id}-filterTier`} className={selectClass} value={search.tier ?? ""} onChange={(event) => set("tier", event.target.value as QueueSearch["tier"])}>
            <option value="">{t("any")}</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(TIER_KEYS[tier])}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm font-medium">
          <label htmlFor={`${id}-filterReason`}>{t("filterReason")}</label>
          <select id={`${id}-filterReason`} className={selectClass} value={search.reason ?? ""} onChange={(event) => set("reason", event.target.value as QueueSearch["reason"])}>
            <option value="">{t("any")}</option>
            {REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(REASON_KEYS[reason])}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm font-medium">
          <label htmlFor={`${id}-filterAge`}>{t("filterAge")}</label>
          <select id={`${id}-filterAge`} className={selectClass} value={search.age ?? ""} onChange={(event) => set("age", event.target.value as QueueSearch["age"])}>
            <option value="">{t("any")}</option>
            {AGE_BANDS.map((age) => (
              <option key={age} value={age}>
                {t(AGE_KEYS[age])}
              </option>
            ))}
          </select>
        </div>
        <label className="text-sm font-medium">
          {t("filterUnit")}
          <input
            className={selectClass}
            value={unit}
            list={`${id}-units`}
            maxLength={120}
            onChange={(event) => setUnit(event.target.value)}
            onBlur={() => unit.trim() !== (search.unit ?? "") && set("unit", unit.trim())}
            placeholder={t("unitPlaceholder")}
          />
          <datalist id={`${id}-units`}>
            {units.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <div className="flex items-end">
          {hasFilters(search) ? (
            <button
              type="button"
              onClick={() => {
                setUnit("");
                onChange({ view: search.view });
              }}
              className="h-10 w-full rounded border border-neutral-500 px-3 text-sm font-medium hover:bg-neutral-100"
            >
              {t("clearFilters")}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
