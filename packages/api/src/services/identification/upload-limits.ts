// Only the limits and their defaults, without the limiter: the web app's environment schema imports this.

/** Uploads (new identifications, added photos) per user and per minute; 0 turns the limit off. */
export interface UploadLimits {
  /** an officer in the web app: far above what a person photographs, well below a runaway script */
  session: number;
  /** a service client by API key: other police systems send for many officers at once */
  apiKey: number;
}

/** 60 a minute is the ministry prototype's limit (anchors.md, ASVS 5.2.4). */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { session: 60, apiKey: 600 };
