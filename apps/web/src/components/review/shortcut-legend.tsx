"use client";

import { useTranslations } from "next-intl";
import { SHORTCUTS } from "@/lib/review/shortcuts";

/** The keyboard shortcuts, from the same table the key handler reads. */
export function ShortcutLegend() {
  const t = useTranslations("review.shortcuts");
  return (
    <section aria-labelledby="shortcuts-title" data-testid="shortcut-legend">
      <h2 id="shortcuts-title" className="text-sm font-bold">
        {t("title")}
      </h2>
      <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
        {SHORTCUTS.map(({ keys, action }) => (
          <div key={action} className="flex items-center gap-2">
            <dt>
              {keys.map((key) => (
                <kbd key={key} className="inline-block min-w-6 rounded border border-neutral-400 bg-neutral-50 px-1 text-center font-mono">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd className="text-muted">{t(action)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
