"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInWithPassword, type SignInState } from "@/server/auth-actions";

const initialState: SignInState = { error: null };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signIn");
  const [state, formAction, pending] = useActionState(signInWithPassword, initialState);
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          className="mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base"
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base"
          aria-describedby={state.error ? "sign-in-error" : undefined}
        />
      </div>
      {state.error ? (
        <p id="sign-in-error" role="alert" className="rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
          {t(state.error === "unavailable" ? "unavailable" : "invalid")}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="h-12 w-full rounded bg-france font-semibold text-white hover:bg-france-dark disabled:opacity-60"
      >
        {pending ? t("pending") : t("submit")}
      </button>
    </form>
  );
}
