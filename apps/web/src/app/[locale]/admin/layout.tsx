import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";

/** The desk screens' client components read the expert and admin texts the officer pages leave out. */
export default function DeskLayout({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
}
