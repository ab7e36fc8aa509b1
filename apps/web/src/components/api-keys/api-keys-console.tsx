"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/react";

/** Lists the caller's API keys (an admin may list everyone's), creates one (shown once), renames, revokes. */
export function ApiKeysConsole({ canManageAny }: { canManageAny: boolean }) {
  const t = useTranslations("apiKeys");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [all, setAll] = useState(false);
  const [label, setLabel] = useState("");
  const [ownerEmail, setOwnerEmail] = useState("");
  const [created, setCreated] = useState<{ key: string; label: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; label: string } | null>(null);

  const keys = useQuery(trpc.apiKeys.list.queryOptions({ all }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.pathKey() });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (result) => {
        setCreated({ key: result.key, label: result.apiKey.label });
        setLabel("");
        setOwnerEmail("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => void refresh() }));
  const rename = useMutation(trpc.apiKeys.rename.mutationOptions({ onSuccess: () => void refresh() }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) return;
    setCreated(null);
    create.mutate({ label: label.trim(), ...(canManageAny && ownerEmail.trim() ? { ownerEmail: ownerEmail.trim() } : {}) });
  };
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "short", timeStyle: "short" }) : "—");

  return (
    <div className="mt-4 space-y-6">
      <form onSubmit={submit} className="space-y-3 rounded-lg border border-neutral-300 p-4" aria-labelledby="new-key-title">
        <h2 id="new-key-title" className="text-lg font-bold">
          {t("newKey")}
        </h2>
        <label className="block text-sm font-semibold">
          {t("label")}
          <input value={label} onChange={(event) => setLabel(event.target.value)} maxLength={80} required className="mt-1 block h-10 w-full rounded border border-neutral-500 px-2 font-normal" />
        </label>
        {canManageAny ? (
          <label className="block text-sm font-semibold">
            {t("ownerEmail")}
            <input type="email" value={ownerEmail} onChange={(event) => setOwnerEmail(event.target.value)} className="mt-1 block h-10 w-full rounded border border-neutral-500 px-2 font-normal" />
            <span className="block text-xs font-normal text-muted">{t("ownerEmailHint")}</span>
          </label>
        ) : null}
        <button type="submit" disabled={create.isPending} className="h-11 rounded bg-france px-4 font-semibold text-white hover:bg-france-dark disabled:opacity-60">
          {t("create")}
        </button>
        {create.error ? (
          <p role="alert" className="text-sm text-danger">
            {create.error.data?.code === "NOT_FOUND" ? t("unknownOwner") : t("failed")}
          </p>
        ) : null}
        {created ? (
          <div role="status" className="rounded border-l-4 border-success bg-success-light p-3 text-sm">
            <p className="font-semibold">{t("createdOnce", { label: created.label })}</p>
            <code data-testid="new-api-key" className="mt-1 block break-all rounded bg-white p-2 font-mono text-xs">
              {created.key}
            </code>
          </div>
        ) : null}
      </form>

      <section aria-labelledby="keys-title">
        <div className="flex items-center justify-between gap-3">
          <h2 id="keys-title" className="text-lg font-bold">
            {all ? t("allKeys") : t("myKeys")}
          </h2>
          {canManageAny ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} className="h-4 w-4 accent-france" />
              {t("showAll")}
            </label>
          ) : null}
        </div>
        {keys.data && keys.data.length === 0 ? <p className="mt-2 text-sm text-muted">{t("none")}</p> : null}
        <ul className="mt-2 divide-y divide-neutral-200" data-testid="api-keys">
          {keys.data?.map((key) => (
            <li key={key.id} className="py-3 text-sm" data-testid="api-key-row">
              {renaming?.id === key.id ? (
                <form
                  className="flex gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (renaming.label.trim()) rename.mutate({ id: key.id, label: renaming.label.trim() }, { onSuccess: () => setRenaming(null) });
                  }}
                >
                  <label className="sr-only" htmlFor={`rename-${key.id}`}>
                    {t("label")}
                  </label>
                  <input id={`rename-${key.id}`} value={renaming.label} onChange={(event) => setRenaming({ id: key.id, label: event.target.value })} maxLength={80} className="h-9 flex-1 rounded border border-neutral-500 px-2" />
                  <button type="submit" className="rounded border border-france px-3 font-semibold text-france">
                    {t("save")}
                  </button>
                </form>
              ) : (
                <p className="font-semibold">{key.label}</p>
              )}
              <p className="text-muted">
                <code className="font-mono">{key.prefix}…</code>
                {all ? ` · ${key.owner.email}` : ""} · {t("createdAt", { when: when(key.createdAt) })} · {t("lastUsed", { when: when(key.lastUsedAt) })}
              </p>
              {key.revokedAt ? (
                <p className="font-semibold text-danger">{t("revokedAt", { when: when(key.revokedAt) })}</p>
              ) : (
                <div className="mt-1 flex gap-2">
                  <button type="button" onClick={() => setRenaming({ id: key.id, label: key.label })} className="rounded px-2 py-1 font-medium text-france underline underline-offset-4">
                    {t("rename")}
                  </button>
                  {confirming === key.id ? (
                    <button type="button" onClick={() => revoke.mutate({ id: key.id }, { onSettled: () => setConfirming(null) })} className="rounded bg-danger px-3 py-1 font-semibold text-white">
                      {t("confirmRevoke", { label: key.label })}
                    </button>
                  ) : (
                    <button type="button" onClick={() => setConfirming(key.id)} className="rounded border border-danger px-3 py-1 font-semibold text-danger">
                      {t("revoke")}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
