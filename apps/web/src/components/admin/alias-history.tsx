"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { AdminTable, ErrorNote, Section, Th, useDateTime } from "./lifecycle-ui";

/** Every move of `production` and `shadow`, newest first: who, when, from which version to which. */
export function AliasHistory() {
  const t = useTranslations("admin.history");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const history = useQuery(trpc.models.aliasHistory.queryOptions({ limit: 100 }));
  return (
    <Section title={t("title")} testId="alias-history">
      <ErrorNote error={history.error} />
      {history.data?.length === 0 ? <p className="text-sm text-muted">{t("empty")}</p> : null}
      {history.data && history.data.length > 0 ? (
        <AdminTable
          head={
            <>
              <Th>{t("at")}</Th>
              <Th>{t("alias")}</Th>
              <Th>{t("action")}</Th>
              <Th>{t("move")}</Th>
              <Th>{t("by")}</Th>
              <Th>{t("reason")}</Th>
            </>
          }
        >
          {history.data.map((event) => (
            <tr key={event.id} data-testid="alias-event" data-alias={event.alias} data-action={event.action}>
              <td className="py-1.5 pr-3">{dateTime(event.at)}</td>
              <td className="py-1.5 pr-3">{t(`aliases.${event.alias as "production" | "shadow"}`)}</td>
              <td className="py-1.5 pr-3">{t(`actions.${event.action}`)}</td>
              <td className="py-1.5 pr-3 tabular-nums">
                {event.previousVersion?.version ?? "—"} → {event.version?.version ?? "—"}
              </td>
              <td className="py-1.5 pr-3">{event.actor?.name ?? t("system")}</td>
              <td className="py-1.5 pr-3">{event.systemReason ? t(`systemReasons.${event.systemReason}`) : (event.reason ?? "")}</td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </Section>
  );
}
