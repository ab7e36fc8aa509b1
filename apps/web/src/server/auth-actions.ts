"use server";

import { AuthError } from "next-auth";
import { CREDENTIALS_PROVIDER_ID, OIDC_PROVIDER_ID } from "@basegun/auth/next-auth";
import { signIn, signOut } from "@/auth";
import { safeReturnPath } from "@/lib/safe-return-path";

export interface SignInState {
  error: "invalid" | "unavailable" | null;
}

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn(CREDENTIALS_PROVIDER_ID, {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: safeReturnPath(formData.get("callbackUrl")),
    });
  } catch (error) {
    // one message for every refusal (wrong password, unknown email, throttled): the form must not reveal
    // which emails have accounts. Anything else (authorize threw: the database is unreachable) is an
    // outage, never reported as a wrong password.
    if (error instanceof AuthError) return { error: error.type === "CredentialsSignin" ? "invalid" : "unavailable" };
    throw error; // the success redirect is thrown too
  }
  return { error: null };
}

export async function signInWithSso(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeReturnPath(formData.get("callbackUrl")) });
}

export async function signOutAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale") === "en" ? "/en" : "";
  await signOut({ redirectTo: `${locale}/sign-in` });
}
