"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useRouter } from "@/i18n/navigation";
import { draftFromPolicy, POLICY_TIERS, policyInput, type PolicyDraft, type PolicyProblem, type PolicyValues, type Tier } from "@/lib/admin/routing-policy-draft";
import { useTRPC } from "@/trpc/react";

const TIER_KEYS = { low: "tierLow", medium: "tierMedium", high: "tierHigh" } as const;

/** Edits the routing policy; saving inserts the next version (never edits one), over the version seen. */
export function RoutingPolicyForm({ active }: { active: PolicyValues }) {
  const t = useTranslations("routing");
  const tReview = useTranslations("review");
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFromPolicy(active));
  const [problem, setProblem] = useState<PolicyProblem | null>(null);
  const save = useMutation(
    trpc.review.updatePolicy.mutationOptions({
      onSuccess: () => {
        setDraft((current) => ({ ...current, note: "" }));
        // the page re-reads the policy: the next save names the version just written
        router.refresh();
      },
    }),
  );
  const conflict = (save.error as { data?: { code?: string } } | null)?.data?.code === "CONFLICT";

  const toggle = (list: "reviewTiers" | "sampleTiers", tier: Tier) =>
    setDraft((current) => ({
      ...current,
      [list]: current[list].includes(tier) ? current[list].filter((item) => item !== tier) : [...current[list], tier],
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = policyInput(draft, active.version);
    if ("problem" in result) return setProblem(result.problem);
    setProblem(null);
    save.mutate(result.input);
  };
  const fieldClass = "mt-1 h-10 w-32 rounded border border-neutral-500 px-2 text-right tabular-nums";

  return (
    <form onSubmit={submit} className="mt-3 space-y-4 rounded-lg border border-neutral-300 p-4" data-testid="policy-form" noValidate>
      <fieldset>
        <legend className="text-sm font-semibold">{t("reviewTiers")}</legend>
        <p className="text-xs text-muted">{t("reviewTiersHint")}</p>
        <div className="mt-1 flex gap-4">
          {POLICY_TIERS.map((tier) => (
            <label key={tier} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={tier === "low" || draft.reviewTiers.includes(tier)}
                disabled={tier === "low"}
                onChange={() => toggle("reviewTiers", tier)}
                className="h-4 w-4 accent-france"
              />
              {tReview(TIER_KEYS[tier])}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-semibold">{t("sampleTiers")}</legend>
        <p className="text-xs text-muted">{t("sampleTiersHint")}</p>
        <div className="mt-1 flex gap-4">
          {POLICY_TIERS.map((tier) => (
            <label key={tier} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={draft.sampleTiers.includes(tier)} onChange={() => toggle("sampleTiers", tier)} className="h-4 w-4 accent-france" />
              {tReview(TIER_KEYS[tier])}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3">
        <label className="text-sm font-semibold">
          {t("sampleRate")} (%)
          <input inputMode="decimal" value={draft.samplePercent} onChange={(event) => setDraft({ ...draft, samplePercent: event.target.value })} className={fieldClass} aria-invalid={problem === "samplePercent"} />
        </label>
        <label className="text-sm font-semibold">
          {t("doubleRate")} (%)
          <input inputMode="decimal" value={draft.doublePercent} onChange={(event) => setDraft({ ...draft, doublePercent: event.target.value })} className={fieldClass} aria-invalid={problem === "doublePercent"} />
        </label>
        <label className="text-sm font-semibold">
          {t("claimTtl")} ({t("minutesUnit")})
          <input inputMode="decimal" value={draft.claimMinutes} onChange={(event) => setDraft({ ...draft, claimMinutes: event.target.value })} className={fieldClass} aria-invalid={problem === "claimMinutes"} />
        </label>
      </div>
      <label className="block text-sm font-semibold">
        {t("noteLabel")}
        <input value={draft.note} onChange={(event) => setDraft({ ...draft, note: event.target.value })} maxLength={500} className="mt-1 h-10 w-full rounded border border-neutral-500 px-2 font-normal" />
      </label>
      {problem ? (
        <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-2 text-sm">
          {t(`problems.${problem}`)}
        </p>
      ) : null}
      {save.error ? (
        <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-2 text-sm">
          {conflict ? t("conflict") : t("saveFailed")}
          {conflict ? (
            <button type="button" onClick={() => router.refresh()} className="ml-2 font-semibold text-france underline underline-offset-4">
              {t("reload")}
            </button>
          ) : null}
        </p>
      ) : null}
      {save.isSuccess ? (
        <p role="status" className="rounded bg-success-light p-2 text-sm text-success">
          {t("saved", { version: save.data.version })}
        </p>
      ) : null}
      <button type="submit" disabled={save.isPending} className="h-11 rounded bg-france px-5 font-semibold text-white hover:bg-france-dark disabled:opacity-60">
        {save.isPending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
