"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const STORAGE_KEY = "basegun.onboarding.v1";

/** Shown until dismissed once on this device (the prototype showed it on every cold start). */
export function OnboardingNotice() {
  const t = useTranslations("onboarding");
  // hidden on the server and until localStorage is read, so a returning officer never sees it flash
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    try {
      setVisible(localStorage.getItem(STORAGE_KEY) === null);
    } catch {
      setVisible(true);
    }
  }, []);
  if (!visible) return null;

  const dismiss = () => {
    try {
      localStorage.setItem(STORAGE_KEY, new Date().toISOString());
    } catch {
      // private mode: it will simply show again next time
    }
    setVisible(false);
  };

  return (
    <section aria-labelledby="onboarding-title" className="mb-5 rounded-lg border border-france/30 bg-france-light p-4">
      <h2 id="onboarding-title" className="font-bold text-france">
        {t("title")}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        <li>{t("scope")}</li>
        <li>{t("notExpert")}</li>
        <li className="font-semibold">{t("safety")}</li>
      </ul>
      <button type="button" onClick={dismiss} className="mt-3 h-11 rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
        {t("dismiss")}
      </button>
    </section>
  );
}
