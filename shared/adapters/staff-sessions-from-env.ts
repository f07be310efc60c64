/**
 * The staff sessions for this container: locally, the stand-in under STAFF_DIR (set by infra/local only); on
 * AWS, the user pool the stack names (STAFF_USER_POOL_ID, STAFF_CLIENT_ID, STAFF_SIGN_IN_URL). Undefined when
 * neither is set: then no session is read, and a page that needs one sends the browser to sign in.
 */
import type { StaffSessions } from "../ports/staff-sessions.ts";
import { cognitoSessions } from "./cognito-sessions.ts";
import { localStaffSessions } from "./local-staff-sessions.ts";

let cached: { sessions: StaffSessions | undefined; key: string } | undefined;

export function staffSessionsFromEnv(env: NodeJS.ProcessEnv = process.env): StaffSessions | undefined {
  const key = [env.STAFF_DIR, env.STAFF_USER_POOL_ID, env.STAFF_CLIENT_ID, env.STAFF_SIGN_IN_URL].join("|");
  if (cached?.key === key) return cached.sessions;
  let sessions: StaffSessions | undefined;
  if (env.STAFF_DIR) sessions = localStaffSessions(env.STAFF_DIR);
  else if (env.STAFF_USER_POOL_ID && env.STAFF_CLIENT_ID && env.STAFF_SIGN_IN_URL)
    sessions = cognitoSessions({
      region: env.AWS_REGION ?? "",
      userPoolId: env.STAFF_USER_POOL_ID,
      clientId: env.STAFF_CLIENT_ID,
      signInUrl: env.STAFF_SIGN_IN_URL,
    });
  cached = { sessions, key };
  return sessions;
}
