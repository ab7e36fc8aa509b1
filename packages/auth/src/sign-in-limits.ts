// Only the limits and their defaults, without the limiter: the web app's environment schema imports this.

export interface SignInThrottleLimits {
  /** failures per account within the window before its sign-ins are refused */
  perAccount: number;
  /** failures per client address within the window (a police station may share one address) */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInThrottleLimits = { perAccount: 10, perAddress: 50, windowSeconds: 15 * 60 };

