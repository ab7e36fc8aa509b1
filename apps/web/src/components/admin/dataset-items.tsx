"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Link } from "@/i18n/navigation";
import { useTRPC } from "@/trpc/react";
import { AdminTable, ErrorNote, secondaryButtonClass, Section, Th, useDateTime } from "./lifecycle-ui";

const SOURCES = ["expert_review", "import", "officer_feedback"] as const;
type Source = (typeof SOURCES)[number];

/** Labelled items, newest first, with who labelled them, when, from which prediction and why. */
export function DatasetItems() {
  const t = useTranslations("admin.dataset");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const [source, setSource] = useState<Source | "">("");
  const [label, setLabel] = useState("");
  const filters = { limit: 50, ...(source ? { source } : {}), ...(label.trim() ? { label: label.trim() } : {}) };
  const items = useInfiniteQuery(trpc.dataset.items.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor ?? undefined }));
  const rows = items.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Section title={t("itemsTitle")} testId="dataset-items">
      <div className="mb-3 flex flex-wrap gap-3 text-sm">
        <label className="font-semibold">
          {t("filterSource")}
          <select value={source} onChange={(event) => setSource(event.target.value as Source | "")} className="ml-2 h-9 rounded border border-neutral-500 px-1 font-normal">
            <option value="">{t("all")}</option>
            {SOURCES.map((value) => (
              <option key={value} value={value}>
                {t(`sources.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="font-semibold">
          {t("filterLabel")}
          <input value={label} onChange={(event) => setLabel(event.target.value)} placeholder="revolver, coarse:HandGun…" className="ml-2 h-9 rounded border border-neutral-500 px-2 font-normal" />
        </label>
      </div>
      <ErrorNote error={items.error} />
      {items.data && rows.length === 0 ? <p className="text-sm text-muted">{t("empty")}</p> : null}
      {rows.length > 0 ? (
        <AdminTable
          head={
            <>
              <Th>{t("labelledAt")}</Th>
              <Th>{t("label")}</Th>
              <Th>{t("source")}</Th>
              <Th>{t("split")}</Th>
              <Th>{t("labeller")}</Th>
              <Th>{t("prediction")}</Th>
              <Th>{t("reviewReason")}</Th>
              <Th>{t("origin")}</Th>
            </>
          }
        >
          {rows.map((item) => (
            <tr key={item.id} data-testid="dataset-item">
              <td className="py-1.5 pr-3">{dateTime(item.createdAt)}</td>
              <td className="py-1.5 pr-3">
                {item.label}
                {!item.usable ? <span className="ml-1 text-xs text-danger">({t("unusable")})</span> : null}
              </td>
              <td className="py-1.5 pr-3">{t(`sources.${item.source}`)}</td>
              <td className="py-1.5 pr-3">{t(`splits.${item.split}`)}</td>
              <td className="py-1.5 pr-3">{item.provenance.labeller?.name ?? "—"}</td>
              <td className="py-1.5 pr-3 tabular-nums" title={item.provenance.predictionId ?? undefined}>
                {item.provenance.modelVersion ?? "—"}
                {item.provenance.agreesWithModel === true ? <span className="ml-1 text-success">✓</span> : null}
                {item.provenance.agreesWithModel === false ? <span className="ml-1 text-danger">✗</span> : null}
              </td>
              <td className="py-1.5 pr-3">{item.provenance.reviewReason ?? "—"}</td>
              <td className="py-1.5 pr-3 text-xs">
                {item.provenance.reviewId ? (
                  <Link href={`/review/${item.provenance.reviewId}`} className="text-france underline underline-offset-4">
                    {t("case")}
                  </Link>
                ) : null}
                {item.provenance.import ? <span>{item.provenance.import.name}</span> : null}
                {item.provenance.origin ? <span className="block max-w-56 truncate text-muted" title={item.provenance.origin}>{item.provenance.origin}</span> : null}
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      {items.hasNextPage ? (
        <button type="button" className={`${secondaryButtonClass} mt-3`} disabled={items.isFetchingNextPage} onClick={() => void items.fetchNextPage()}>
          {t("more")}
        </button>
      ) : null}
    </Section>
  );
}
