/**
 * Auth.js (next-auth v5) configuration, written without importing next-auth: plain vitest cannot load
 * next-auth (it pulls `next/server`), and this package does not depend on it. apps/web passes the
 * object returned by `createAuthConfig` to `NextAuth()`, which type-checks it against NextAuthConfig.
 *
 * Choices:
 * - JWT sessions holding only the user id (`sub`): the role, unit and disabled flag are re-read from the
 *   database on every request (`actorFromUserId`), so a demotion or a disabled account applies at once.
 * - One generic failure for every bad sign-in (unknown email, wrong password, disabled account, no
 *   password): the page cannot be used to find out which emails have accounts.
 * - The ministry's SSO (generic OIDC) only when AUTH_OIDC_ISSUER/ID/SECRET are all set. An SSO login is
 *   mapped to an existing user by verified email; nobody is created on the fly, so the SSO can never
 *   grant a role that an admin did not give.
 */
import { z } from "zod";
import type { Db } from "@basegun/db";
import { verifyCredentials } from "./actor.ts";

export const CREDENTIALS_PROVIDER_ID = "credentials";
export const OIDC_PROVIDER_ID = "ministry";

/** Every password sign-in takes at least this long, so response times do not tell accounts apart. */
const MIN_PASSWORD_CHECK_MS = 400;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  password: z.string().min(1).max(256),
});

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button. */
  name: string;
}

export function oidcSettingsFromEnv(env: {
  AUTH_OIDC_ISSUER?: string | undefined;
  AUTH_OIDC_ID?: string | undefined;
  AUTH_OIDC_SECRET?: string | undefined;
  AUTH_OIDC_NAME?: string | undefined;
}): OidcSettings | null {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_ID: clientId, AUTH_OIDC_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: env.AUTH_OIDC_NAME || "Compte ministère (SSO)" };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The user id for a correct email + password of an active account; null for anything else. */
export async function authorizeWithPassword(
  db: Db,
  verifyPassword: (password: string, hash: string) => Promise<boolean>,
  rawCredentials: unknown,
): Promise<{ id: string } | null> {
  const floor = delay(MIN_PASSWORD_CHECK_MS);
  const parsed = credentialsSchema.safeParse(rawCredentials);
  const user = parsed.success ? await verifyCredentials(db, parsed.data.email, parsed.data.password, verifyPassword) : null;
  await floor;
  if (!user) return null;
  // informative only: a failure to record it must not block the sign-in
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }).catch(() => {});
  return { id: user.id };
}

/** Maps an SSO identity to an existing, active user by verified email; never creates one. */
export async function userIdForOidcProfile(db: Db, profile: { email?: unknown; email_verified?: unknown } | undefined | null): Promise<string | null> {
  if (!profile || typeof profile.email !== "string" || profile.email_verified === false) return null;
  const user = await db.user.findUnique({ where: { email: profile.email.trim().toLowerCase() }, select: { id: true, disabled: true } });
  return user && !user.disabled ? user.id : null;
}

// Structural stand-ins for the few Auth.js types used here (see the header comment).
interface SignInCallbackParams {
  account?: { provider: string } | null;
  profile?: { email?: unknown; email_verified?: unknown } | undefined;
}
interface JwtCallbackParams {
  token: { sub?: string; [claim: string]: unknown };
  user?: { id?: string } | undefined;
  account?: { provider: string } | null;
  profile?: { email?: unknown; email_verified?: unknown } | undefined;
}
interface SessionCallbackParams {
  session: { expires: string; user?: unknown };
  token: { sub?: string };
}

export interface AuthConfigOptions {
  getDb: () => Db;
  verifyPassword: (password: string, hash: string) => Promise<boolean>;
  oidc: OidcSettings | null;
  /** Path of the app's sign-in page; Auth.js errors land there too. */
  signInPage: string;
  /** Session lifetime in seconds: a shift plus margin by default. */
  maxAgeSeconds?: number;
}

export function createAuthConfig(options: AuthConfigOptions) {
  const { getDb, verifyPassword, oidc, signInPage } = options;
  const credentialsProvider = {
    id: CREDENTIALS_PROVIDER_ID,
    name: "Identifiant et mot de passe",
    type: "credentials" as const,
    credentials: {
      email: { label: "Adresse électronique", type: "email" },
      password: { label: "Mot de passe", type: "password" },
    },
    authorize: (credentials: unknown) => authorizeWithPassword(getDb(), verifyPassword, credentials),
  };
  const oidcProviders = oidc
    ? [
        {
          id: OIDC_PROVIDER_ID,
          name: oidc.name,
          type: "oidc" as const,
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          clientSecret: oidc.clientSecret,
          checks: ["pkce" as const, "state" as const, "nonce" as const],
        },
      ]
    : [];

  return {
    session: { strategy: "jwt" as const, maxAge: options.maxAgeSeconds ?? 12 * 60 * 60 },
    // the app runs behind the ministry's reverse proxy, which sets the Host header
    trustHost: true,
    pages: { signIn: signInPage, error: signInPage },
    providers: [credentialsProvider, ...oidcProviders],
    callbacks: {
      async signIn({ account, profile }: SignInCallbackParams): Promise<boolean> {
        if (account?.provider === OIDC_PROVIDER_ID) return (await userIdForOidcProfile(getDb(), profile)) !== null;
        return true;
      },
      async jwt({ token, user, account, profile }: JwtCallbackParams) {
        if (account) {
          // sign-in: keep nothing but our own user id (no name, email or role in the cookie)
          const userId = account.provider === OIDC_PROVIDER_ID ? await userIdForOidcProfile(getDb(), profile) : user?.id;
          return userId ? { sub: userId } : null;
        }
        return token.sub ? { sub: token.sub } : null;
      },
      session({ session, token }: SessionCallbackParams) {
        return { expires: session.expires, user: { id: token.sub ?? "" } };
      },
    },
  };
}
