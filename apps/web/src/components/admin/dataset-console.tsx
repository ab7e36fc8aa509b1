"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { COARSE_LABELS, TYPOLOGY_KEYS } from "@basegun/domain";
import { exportDownloadPath } from "@/lib/admin/export-file";
import { importRefusalOf } from "@/lib/admin/import-messages";
import { growthByPeriod } from "@/lib/admin/lifecycle-view";
import { useTRPC } from "@/trpc/react";
import { DatasetItems } from "./dataset-items";
import { AdminTable, Bar, buttonClass, ErrorNote, fieldClass, secondaryButtonClass, Section, Th, useDateTime } from "./lifecycle-ui";

/** The labelled dataset: counts and growth, frozen versions (freeze, export), import, items. */
export function DatasetConsole() {
  const t = useTranslations("admin.dataset");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [bucket, setBucket] = useState<"day" | "week" | "month">("week");
  const stats = useQuery(trpc.dataset.stats.queryOptions({ bucket }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.dataset.pathKey() });
  const data = stats.data;
  const maxLabel = Math.max(1, ...(data?.byLabel.map((row) => row.count) ?? []));
  const maxSource = Math.max(1, ...(data?.bySource.map((row) => row.count) ?? []));
  const growth = growthByPeriod(data?.growth ?? []);
  const maxGrowth = Math.max(1, ...growth.map((row) => row.total));
  const dateTime = useDateTime();

  return (
    <div className="mt-5 space-y-6">
      <ErrorNote error={stats.error} />
      {data ? (
        <div className="grid gap-4 lg:grid-cols-3">
          <Section title={t("byLabel", { total: data.total })} testId="dataset-by-label">
            <ul className="space-y-1 text-sm">
              {data.byLabel.map((row) => (
                <li key={row.label} className="grid grid-cols-[10rem_minmax(0,1fr)] items-center gap-2">
                  <span className="truncate" title={row.label}>{row.label}</span>
                  <Bar value={row.count} max={maxLabel} label={String(row.count)} />
                </li>
              ))}
            </ul>
            {data.byLabel.length === 0 ? <p className="text-sm text-muted">{t("empty")}</p> : null}
          </Section>
          <Section title={t("bySource")} testId="dataset-by-source">
            <ul className="space-y-1 text-sm">
              {data.bySource.map((row) => (
                <li key={row.source} className="grid grid-cols-[10rem_minmax(0,1fr)] items-center gap-2">
                  <span>{t(`sources.${row.source}`)}</span>
                  <Bar value={row.count} max={maxSource} label={String(row.count)} />
                </li>
              ))}
            </ul>
            <p className="mt-3 text-sm">
              {data.latestVersion
                ? t("sinceLatest", { number: data.latestVersion.number, items: data.itemsSinceLatestVersion, at: dateTime(data.latestVersion.createdAt) })
                : t("noVersionYet", { items: data.itemsSinceLatestVersion })}
            </p>
          </Section>
          <Section
            title={t("growth")}
            testId="dataset-growth"
            actions={
              <select aria-label={t("bucket")} value={bucket} onChange={(event) => setBucket(event.target.value as typeof bucket)} className="h-8 rounded border border-neutral-500 px-1 text-sm">
                <option value="day">{t("buckets.day")}</option>
                <option value="week">{t("buckets.week")}</option>
                <option value="month">{t("buckets.month")}</option>
              </select>
            }
          >
            <ul className="space-y-1 text-sm">
              {growth.map((row) => (
                <li key={row.periodStart.toISOString()} className="grid grid-cols-[6rem_minmax(0,1fr)] items-center gap-2">
                  <span className="tabular-nums">{row.periodStart.toISOString().slice(0, 10)}</span>
                  <Bar value={row.total} max={maxGrowth} label={`${row.total} (+${row.added})`} />
                </li>
              ))}
            </ul>
            {growth.length === 0 ? <p className="text-sm text-muted">{t("empty")}</p> : null}
          </Section>
        </div>
      ) : null}
      <DatasetVersions onChanged={refresh} />
      <ImportFolderForm onImported={refresh} />
      <DatasetItems />
    </div>
  );
}

function DatasetVersions({ onChanged }: { onChanged: () => void }) {
  const t = useTranslations("admin.dataset");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const versions = useQuery(trpc.dataset.versions.queryOptions({}));
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState("");
  const freeze = useMutation(
    trpc.dataset.freeze.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        setNote("");
        onChanged();
      },
    }),
  );
  const exportVersion = useMutation(trpc.dataset.export.mutationOptions());

  return (
    <Section
      title={t("versionsTitle")}
      testId="dataset-versions"
      actions={
        !confirming ? (
          <button type="button" className={buttonClass} onClick={() => setConfirming(true)}>
            {t("freeze")}
          </button>
        ) : null
      }
    >
      {confirming ? (
        <div className="mb-3 max-w-2xl rounded border border-france bg-france-light p-3 text-sm" role="group" aria-label={t("freezeConfirmTitle")}>
          <p className="font-semibold">{t("freezeConfirmTitle")}</p>
          <p>{t("freezeConfirmText")}</p>
          <label className="mt-2 block font-semibold">
            {t("note")}
            <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} className={`${fieldClass} bg-white`} />
          </label>
          <div className="mt-2 flex gap-2">
            <button type="button" className={buttonClass} disabled={freeze.isPending} onClick={() => freeze.mutate(note.trim() ? { note: note.trim() } : {})}>
              {t("freezeConfirm")}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setConfirming(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : null}
      {freeze.data ? (
        <p role="status" className="mb-3 rounded bg-success-light p-2 text-sm text-success">
          {freeze.data.unchanged ? t("unchanged", { number: freeze.data.number }) : t("frozen", { number: freeze.data.number, items: freeze.data.itemCount })}{" "}
          {t("frozenMerged", {
            merged: freeze.data.counts.excluded.merged ?? 0,
            replaced: freeze.data.counts.excluded.replaced ?? 0,
            realigned: freeze.data.counts.realigned ?? 0,
          })}
        </p>
      ) : null}
      <ErrorNote error={freeze.error ?? versions.error ?? exportVersion.error} />
      {exportVersion.data ? (
        <p role="status" className="mb-3 rounded bg-success-light p-2 text-sm">
          {t("exported", { items: exportVersion.data.items, megabytes: (exportVersion.data.bytes / 1024 / 1024).toFixed(1) })}{" "}
          <a href={exportDownloadPath(exportVersion.data.fileName)} download className="font-semibold text-france underline underline-offset-4" data-testid="export-download">
            {exportVersion.data.fileName}
          </a>
          <span className="block font-mono text-xs text-muted">sha256 {exportVersion.data.sha256}</span>
        </p>
      ) : null}
      {versions.data?.length === 0 ? <p className="text-sm text-muted">{t("noVersions")}</p> : null}
      {versions.data && versions.data.length > 0 ? (
        <AdminTable
          head={
            <>
              <Th>{t("version")}</Th>
              <Th>{t("createdAt")}</Th>
              <Th right>{t("items")}</Th>
              <Th right>{t("splits.train")}</Th>
              <Th right>{t("splits.validation")}</Th>
              <Th right>{t("splits.test")}</Th>
              <Th>{t("excluded")}</Th>
              <Th>{t("models")}</Th>
              <Th>{t("note")}</Th>
              <Th>{t("actions")}</Th>
            </>
          }
        >
          {versions.data.map((version) => (
            <tr key={version.id} data-testid="dataset-version-row">
              <td className="py-1.5 pr-3 font-semibold">v{version.number}</td>
              <td className="py-1.5 pr-3">
                {dateTime(version.createdAt)}
                {version.createdBy ? <span className="block text-xs text-muted">{version.createdBy.name}</span> : null}
              </td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{version.itemCount}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{version.counts.splits.train}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{version.counts.splits.validation}</td>
              <td className="py-1.5 pr-3 text-right tabular-nums">{version.counts.splits.test}</td>
              <td className="py-1.5 pr-3 text-xs">
                {t("excludedDetail", {
                  unusable: version.counts.excluded.unusable,
                  superseded: version.counts.excluded.superseded,
                  merged: version.counts.excluded.merged ?? 0,
                  replaced: version.counts.excluded.replaced ?? 0,
                  noImage: version.counts.excluded.noImage,
                })}
              </td>
              <td className="py-1.5 pr-3 text-xs">
                {version.trainedModels.map((model) => model.version).join(", ") || "—"}
              </td>
              <td className="py-1.5 pr-3">{version.note ?? ""}</td>
              <td className="py-1.5">
                <button type="button" className="rounded px-2 py-1 text-france hover:underline" disabled={exportVersion.isPending} onClick={() => exportVersion.mutate({ datasetVersionId: version.id })}>
                  {t("export")}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </Section>
  );
}

function ImportFolderForm({ onImported }: { onImported: () => void }) {
  const t = useTranslations("admin.dataset");
  const trpc = useTRPC();
  const [form, setForm] = useState({ folder: "", name: "", label: "", licence: "", attribution: "" });
  const importFolder = useMutation(trpc.dataset.importFolder.mutationOptions({ onSuccess: onImported }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.folder.trim()) return;
    const optional = (value: string) => (value.trim() ? value.trim() : undefined);
    importFolder.mutate({
      folder: form.folder.trim(),
      ...(optional(form.name) ? { name: optional(form.name) } : {}),
      ...(optional(form.label) ? { label: optional(form.label) } : {}),
      ...(optional(form.licence) ? { licence: optional(form.licence) } : {}),
      ...(optional(form.attribution) ? { attribution: optional(form.attribution) } : {}),
    });
  };
  const input = (key: keyof typeof form, hint?: string) => (
    <label className="text-sm font-semibold">
      {t(`importFields.${key}`)}
      <input value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} placeholder={hint} className={fieldClass} />
    </label>
  );
  const result = importFolder.data;
  const refusal = importRefusalOf(importFolder.error);
  return (
    <Section title={t("importTitle")} testId="dataset-import">
      <p className="text-sm text-muted">{t("importIntro")}</p>
      <div className="mt-2 max-w-4xl rounded border border-neutral-300 p-2 text-sm" data-testid="import-rule">
        <p className="font-semibold">{t("importRule.title")}</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          <li>{t("importRule.coarseManifest")}</li>
          <li>{t("importRule.labelledCsv")}</li>
          <li>{t("importRule.negatives")}</li>
          <li>{t("importRule.folders")}</li>
          <li>{t("importRule.single")}</li>
        </ul>
        <p className="mt-1">
          {t("importRule.labels")} <code className="text-xs">{TYPOLOGY_KEYS.join(", ")}</code> ; {t("importRule.coarse")}{" "}
          <code className="text-xs">{COARSE_LABELS.join(", ")}</code> ; {t("importRule.none")} <code className="text-xs">none</code>.
        </p>
        <p className="mt-1 text-muted">{t("importRule.images")}</p>
      </div>
      <form onSubmit={submit} className="mt-3 grid max-w-4xl gap-3 sm:grid-cols-3">
        {input("folder", "weapons-coarse")}
        {input("name")}
        {input("label", "revolver")}
        {input("licence")}
        <div className="sm:col-span-2">{input("attribution")}</div>
        <div className="sm:col-span-3">
          <button type="submit" className={buttonClass} disabled={!form.folder.trim() || importFolder.isPending}>
            {importFolder.isPending ? t("importing") : t("import")}
          </button>
        </div>
      </form>
      {refusal ? (
        <p role="alert" className="mt-2 rounded border-l-4 border-danger bg-danger-light p-2 text-sm" data-testid="import-refused">
          {t(`importErrors.${refusal.problem}`, refusal.values)}
        </p>
      ) : (
        <ErrorNote error={importFolder.error} />
      )}
      {result ? (
        <div role="status" className="mt-3 rounded bg-success-light p-2 text-sm" data-testid="import-result">
          <p>
            {t("imported", { name: result.name, format: t(`formats.${result.format}`), imported: result.imported, duplicates: result.duplicates, skipped: result.skippedCount })}
          </p>
          {result.skipped.length > 0 ? (
            <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5 text-xs">
              {result.skipped.slice(0, 50).map((skip) => (
                <li key={skip.origin}>
                  {skip.origin} : {t(`skipCodes.${skip.code}`)}
                </li>
              ))}
              {result.skippedCount > 50 ? <li>{t("skippedMore", { count: result.skippedCount - 50 })}</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
