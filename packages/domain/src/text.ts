/** Officer-facing text is always given in French (the field language) and English. */
export interface LocalizedText {
  fr: string;
  en: string;
}
