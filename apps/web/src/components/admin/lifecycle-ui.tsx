"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { barPercent, deltaTone, formatDelta, formatRate } from "@/lib/admin/lifecycle-view";

/** Small building blocks shared by the admin lifecycle screens. */

export function Section({ title, testId, children, actions }: { title: string; testId?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="rounded-lg border border-neutral-300 p-4" data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-bold">{title}</h2>
        {actions}
      </div>
      <div className="mt-2">{children}</div>
    </section>
  );
}

export function Bar({ value, max, tone = "france", label }: { value: number; max: number; tone?: "france" | "success" | "danger" | "muted"; label?: string }) {
  const color = { france: "bg-france", success: "bg-success", danger: "bg-danger", muted: "bg-neutral-400" }[tone];
  return (
    <div className="flex items-center gap-2">
      <div className="h-2.5 w-full min-w-16 rounded bg-neutral-200" role="presentation">
        <div className={`h-2.5 rounded ${color}`} style={{ width: `${barPercent(value, max)}%` }} />
      </div>
      {label !== undefined ? <span className="w-20 shrink-0 text-right text-xs tabular-nums">{label}</span> : null}
    </div>
  );
}

export function Delta({ delta, higherIsBetter = true }: { delta: number | null | undefined; higherIsBetter?: boolean }) {
  const tone = deltaTone(delta, higherIsBetter);
  const color = tone === "better" ? "text-success" : tone === "worse" ? "text-danger" : "text-muted";
  return <span className={`tabular-nums ${color}`} data-tone={tone}>{formatDelta(delta)}</span>;
}

export const Rate = ({ value }: { value: number | null | undefined }) => <span className="tabular-nums">{formatRate(value)}</span>;

export function ErrorNote({ error }: { error: { message: string } | null }) {
  const t = useTranslations("admin");
  if (!error) return null;
  return (
    <p role="alert" className="mt-2 rounded border-l-4 border-danger bg-danger-light p-2 text-sm">
      {t("actionFailed")} <span className="text-muted">({error.message})</span>
    </p>
  );
}

export const Th = ({ children, right }: { children?: ReactNode; right?: boolean }) => (
  <th scope="col" className={`py-1 pr-3 ${right ? "text-right" : ""}`}>
    {children}
  </th>
);

export const tableHeadClass = "text-xs uppercase tracking-wide text-muted";

/** The admin pages' tables: scrolls sideways on a narrow screen, one header row (Th cells), divided rows. */
export function AdminTable({ head, testId, children }: { head: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className={tableHeadClass}>
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">{children}</tbody>
      </table>
    </div>
  );
}
export const buttonClass = "h-10 rounded bg-france px-4 text-sm font-semibold text-white hover:bg-france-dark disabled:opacity-60";
export const secondaryButtonClass = "h-10 rounded border border-france px-4 text-sm font-semibold text-france hover:bg-france-light disabled:opacity-60";
export const fieldClass = "mt-1 h-10 w-full rounded border border-neutral-500 px-2 font-normal";

/** Dates in the reader's language (the app's time zone comes from next-intl's configuration). */
export function useDateTime() {
  const format = useFormatter();
  return (value: Date | string | null | undefined) => (value ? format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "short" }) : "—");
}
