import { ALARM_GUNS, alarmGunName, categorize, TYPOLOGY_KEYS } from "@basegun/domain";
import type { Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";

/**
 * Labels of every answer value ("ammunition:bbs" → "Billes"), taken from the domain's own questions so
 * the summary of saved answers uses the words the officer picked. Built on the server: the rules stay
 * out of the browser bundle.
 */
export function answerValueLabels(locale: Locale): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const typology of TYPOLOGY_KEYS) {
    for (const question of categorize(typology, {}).questions) {
      for (const option of question.options ?? []) labels[`${question.key}:${String(option.value)}`] = pick(option, locale);
    }
  }
  for (const gun of ALARM_GUNS) labels[`alarmGunModel:${gun.id}`] = alarmGunName(gun);
  return labels;
}

export function alarmGunChoices(): Array<{ id: string; name: string; kind: string }> {
  return ALARM_GUNS.map((gun) => ({ id: gun.id, name: alarmGunName(gun), kind: gun.kind }));
}
