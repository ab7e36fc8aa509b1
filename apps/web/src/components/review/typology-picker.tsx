"use client";

import { searchTypologies, TYPOLOGY_SHORTCUTS, type TypologyKey } from "@basegun/domain";
import { useTranslations } from "next-intl";
import { forwardRef, useId, useState, type KeyboardEvent } from "react";
import { TypologyDrawing } from "@/components/drawings";
import type { TypologyOption } from "@/server/typology-options";

/**
 * The typology of a correction, searched rather than scrolled (ARIA combobox + listbox): any word of the
 * label filters (each row with the guided identification's drawing), accents and case ignored ("arme d epaule semi" finds both semi-automatic long guns);
 * each typology's key typed alone puts it first; ↑/↓ move, Enter picks and hands on to `onPicked`
 * (the decision's submit button), so a correction is R, key, Enter, Enter.
 */
export const TypologyPicker = forwardRef<
  HTMLInputElement,
  {
    value: TypologyKey | "";
    onChange: (typology: TypologyKey) => void;
    onPicked: () => void;
    typologies: TypologyOption[];
    invalid: boolean;
  }
>(function TypologyPicker({ value, onChange, onPicked, typologies, invalid }, ref) {
  const t = useTranslations("review");
  const id = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const labels = new Map(typologies.map((option) => [option.key, option.label]));
  const found = searchTypologies(query).filter((key) => labels.has(key));
  const activeIndex = Math.min(active, Math.max(found.length - 1, 0));
  const activeKey = found[activeIndex];
  const optionId = (key: TypologyKey) => `${id}-option-${key}`;

  const pick = (key: TypologyKey) => {
    onChange(key);
    onPicked();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + found.length) % Math.max(found.length, 1));
    } else if (event.key === "Enter") {
      // Enter picks; it never submits the form from the search box
      event.preventDefault();
      if (activeKey) pick(activeKey);
    }
  };

  return (
    <div data-testid="typology-picker">
      <label htmlFor={`${id}-search`} className="block text-sm font-medium">
        {t("typology")}
      </label>
      <input
        ref={ref}
        id={`${id}-search`}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeKey ? optionId(activeKey) : undefined}
        aria-describedby={`${id}-hint`}
        aria-invalid={invalid}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        placeholder={t("typologySearchPlaceholder")}
        className="mt-1 h-10 w-full rounded border border-neutral-500 px-2 text-sm"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
        {t("typologySearchHint")}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label={t("typologyResults")} className="mt-1 max-h-72 overflow-y-auto rounded border border-neutral-300">
        {found.map((key, index) => {
          const selected = key === value;
          return (
            <li
              key={key}
              id={optionId(key)}
              role="option"
              aria-selected={selected}
              onClick={() => pick(key)}
              onMouseMove={() => setActive(index)}
              className={`flex cursor-pointer items-center justify-between gap-2 px-2 py-1.5 text-sm ${
                index === activeIndex ? "bg-france-light outline outline-2 -outline-offset-2 outline-france" : ""
              } ${selected ? "font-bold" : ""}`}
            >
              {/* the guided identification's drawing, decorative: the label beside it says the same */}
              <TypologyDrawing typology={key} className="h-auto w-16 shrink-0" />
              <span className="flex-1">
                {selected ? <span aria-hidden="true">✓ </span> : null}
                {labels.get(key)}
              </span>
              <kbd className="rounded border border-neutral-400 bg-white px-1 font-mono text-xs uppercase">{TYPOLOGY_SHORTCUTS[key]}</kbd>
            </li>
          );
        })}
      </ul>
      {found.length === 0 ? (
        <p role="status" className="mt-1 text-sm text-muted">
          {t("typologyNoResult")}
        </p>
      ) : null}
    </div>
  );
});
