export { ROLES, SCOPES, ROLE_SCOPES, hasScope, type Role, type Scope, type Actor } from "./scopes.ts";
export { actorFromUserId, actorFromApiKey, verifyCredentials } from "./actor.ts";
export { actorFromSession, createUserSession, endUserSession } from "./sessions.ts";
export { SignInThrottle } from "./sign-in-throttle.ts";
export { DEFAULT_SIGN_IN_LIMITS, type SignInThrottleLimits } from "./sign-in-limits.ts";
