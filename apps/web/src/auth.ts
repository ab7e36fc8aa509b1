import NextAuth, { type NextAuthConfig } from "next-auth";
import { SignInThrottle } from "@basegun/auth";
import { createAuthConfig, oidcSettingsFromEnv } from "@basegun/auth/next-auth";
import { getDb, verifyPassword } from "@basegun/db";
import { env } from "./env";
import { clientAddress } from "./server/client-address";
import { logger } from "./server/logger";

export const SIGN_IN_PATH = "/sign-in";

const config = createAuthConfig({
  getDb,
  verifyPassword,
  oidc: oidcSettingsFromEnv(env),
  signInPage: SIGN_IN_PATH,
  signInThrottle: new SignInThrottle(env.REDIS_URL, {
    perAccount: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    windowSeconds: env.SIGN_IN_THROTTLE_WINDOW_SECONDS,
  }),
  clientAddress: (request) => clientAddress(request.headers),
}) satisfies NextAuthConfig;

const authLogger: NextAuthConfig["logger"] = {
  error(error) {
    // a wrong password is an everyday event, not a server error: one line, no stack
    if ((error as { type?: string }).type === "CredentialsSignin") return logger.info("sign-in refused (bad credentials)");
    logger.error({ err: error }, "auth error");
  },
  warn(code) {
    logger.warn({ code }, "auth warning");
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth({ ...config, secret: env.AUTH_SECRET, logger: authLogger });
export const { GET, POST } = handlers;

/** Whether the ministry's SSO button is shown. */
export const oidcEnabled = config.providers.length > 1;
