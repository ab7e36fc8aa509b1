/**
 * Auth.js (next-auth v5) configuration, written without importing next-auth: plain vitest cannot load
 * next-auth (it pulls `next/server`), and this package does not depend on it. apps/web passes the
 * object returned by `createAuthConfig` to `NextAuth()`, which type-checks it against NextAuthConfig.
 *
 * Choices:
 * - The cookie is an encrypted Auth.js JWT holding only the user id (`sub`) and a server-side session id
 *   (`sid`, a `UserSession` row). On every request the `jwt` callback reads that row joined to its user
 *   (`actorFromSession`): a session ended by sign-out or a password change, an expired one or a disabled
 *   account gives no session (and the cookie is cleared); the role and unit come from that read, so a
 *   demotion applies at once. (Auth.js's own database sessions do not work with a credentials provider.)
 * - One generic failure for every bad sign-in (unknown email, wrong password, disabled account, no
 *   password): the page cannot be used to find out which emails have accounts.
 * - The ministry's SSO (generic OIDC) only when AUTH_OIDC_ISSUER/ID/SECRET are all set. An SSO login is
 *   mapped to an existing user by verified email; nobody is created on the fly, so the SSO can never
 *   grant a role that an admin did not give.
 */
import { z } from "zod";
import type { Db } from "@basegun/db";
import { verifyCredentials } from "./actor.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";
import type { Actor } from "./scopes.ts";
import { actorFromSession, createUserSession, endUserSession } from "./sessions.ts";

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

export interface PasswordSignInContext {
  /** per-account and per-address failure counts; absent, nothing is throttled */
  throttle?: SignInThrottle | null;
  /** the client's address as the web server established it (trusted proxies only), if known */
  address?: string | null;
}

/**
 * The user id for a correct email + password of an active account; null for anything else, the same
 * null for a throttled account or address. Throws (never null) when the database cannot answer, so an
 * outage is never reported as a wrong password.
 */
export async function authorizeWithPassword(
  db: Db,
  verifyPassword: (password: string, hash: string) => Promise<boolean>,
  rawCredentials: unknown,
  context: PasswordSignInContext = {},
): Promise<{ id: string } | null> {
  const floor = delay(MIN_PASSWORD_CHECK_MS);
  const parsed = credentialsSchema.safeParse(rawCredentials);
  const { throttle, address = null } = context;
  const account = parsed.success ? parsed.data.email : null;
  let user: { id: string } | null = null;
  try {
    if (parsed.success && !(throttle && (await throttle.isBlocked(parsed.data.email, address)))) {
      user = await verifyCredentials(db, parsed.data.email, parsed.data.password, verifyPassword);
      if (user) await throttle?.recordSuccess(parsed.data.email);
      else await throttle?.recordFailure(parsed.data.email, address);
    } else if (throttle && address) {
      // a malformed or throttled attempt still counts against the address
      await throttle.recordFailure(account ?? "(malformed)", address);
    }
  } finally {
    await floor;
  }
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
interface SessionToken {
  sub?: string;
  sid?: string;
  [claim: string]: unknown;
}
interface JwtCallbackParams {
  token: SessionToken;
  user?: { id?: string } | undefined;
  account?: { provider: string } | null;
  profile?: { email?: unknown; email_verified?: unknown } | undefined;
}
interface SessionCallbackParams {
  session: { expires: string; user?: unknown };
  token: SessionToken;
}
/** What `auth()` gives the app: the actor as read from the database during this request. */
export interface BasegunSession {
  expires: string;
  user: { id: string };
  actor: Actor;
}

// The actor read by the jwt callback, handed to the session callback of the same call without writing
// it into the cookie (the token object is the same object in both callbacks).
const actorOfToken = new WeakMap<object, Actor>();
const unavailableTokens = new WeakSet<object>();

export interface AuthConfigOptions {
  getDb: () => Db;
  verifyPassword: (password: string, hash: string) => Promise<boolean>;
  oidc: OidcSettings | null;
  /** Path of the app's sign-in page; Auth.js errors land there too. */
  signInPage: string;
  /** Session lifetime in seconds: a shift plus margin by default. */
  maxAgeSeconds?: number;
  /** Password sign-in throttling (per account and per address); absent, nothing is throttled. */
  signInThrottle?: SignInThrottle | null;
  /** The client's address for a sign-in request (see apps/web's client-address). */
  clientAddress?: (request: Request) => string | null;
}

export function createAuthConfig(options: AuthConfigOptions) {
  const { getDb, verifyPassword, oidc, signInPage } = options;
  const maxAgeSeconds = options.maxAgeSeconds ?? 12 * 60 * 60;
  const credentialsProvider = {
    id: CREDENTIALS_PROVIDER_ID,
    name: "Identifiant et mot de passe",
    type: "credentials" as const,
    credentials: {
      email: { label: "Adresse électronique", type: "email" },
      password: { label: "Mot de passe", type: "password" },
    },
    authorize: (credentials: unknown, request?: Request) =>
      authorizeWithPassword(getDb(), verifyPassword, credentials, {
        throttle: options.signInThrottle,
        address: request && options.clientAddress ? options.clientAddress(request) : null,
      }),
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
    session: { strategy: "jwt" as const, maxAge: maxAgeSeconds },
    // the app runs behind the ministry's reverse proxy, which sets the Host header
    trustHost: true,
    pages: { signIn: signInPage, error: signInPage },
    providers: [credentialsProvider, ...oidcProviders],
    events: {
      // sign-out ends the server-side session: the cookie is useless afterwards, even if kept
      async signOut(message: { token?: SessionToken | null } | { session?: unknown }) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (sid) await endUserSession(getDb(), sid);
      },
    },
    callbacks: {
      async signIn({ account, profile }: SignInCallbackParams): Promise<boolean> {
        if (account?.provider === OIDC_PROVIDER_ID) return (await userIdForOidcProfile(getDb(), profile)) !== null;
        return true;
      },
      async jwt({ token, user, account, profile }: JwtCallbackParams): Promise<SessionToken | null> {
        if (account) {
          // sign-in: a new server-side session; the cookie keeps nothing but our ids (no name, email or role)
          const userId = account.provider === OIDC_PROVIDER_ID ? await userIdForOidcProfile(getDb(), profile) : user?.id;
          if (!userId) return null;
          const sid = await createUserSession(getDb(), userId, maxAgeSeconds);
          return { sub: userId, sid };
        }
        // every later request: the session must still exist (null clears the cookie)
        if (!token.sub || !token.sid) return null;
        const kept: SessionToken = { sub: token.sub, sid: token.sid };
        let actor: Actor | null;
        try {
          actor = await actorFromSession(getDb(), token.sid);
        } catch {
          // the database is unreachable: keep the cookie (an outage must not sign everybody out) and
          // let the app answer "service unavailable" rather than "signed out"
          unavailableTokens.add(kept);
          return kept;
        }
        if (!actor || actor.userId !== token.sub) return null;
        actorOfToken.set(kept, actor);
        return kept;
      },
      session({ session, token }: SessionCallbackParams): BasegunSession | { expires: string; unavailable?: true } {
        if (unavailableTokens.has(token)) return { expires: session.expires, unavailable: true };
        const actor = actorOfToken.get(token);
        if (!actor) return { expires: session.expires };
        return { expires: session.expires, user: { id: actor.userId }, actor };
      },
    },
  };
}
