/** How a labelled item is counted and foldered: its typology, its coarse label, or no firearm. */
export function labelKeyOf(item: { typology: string | null; labelSet: readonly string[]; noFirearm: boolean; sourceLabel: string | null; usable?: boolean }): string {
  if (item.usable === false) return "unusable";
  if (item.noFirearm) return "no_firearm";
  if (item.typology) return item.typology;
  if (item.labelSet.length > 0) return `coarse:${item.sourceLabel ?? item.labelSet.join("+")}`;
  return "unlabelled";
}
