/** What the sign-in's handlers (show-sign-in, sign-in) need: the sessions, and the site's address and name. */
import { appConfig } from "./from-env.ts";
import { staffSessionsFromEnv } from "./staff-sessions-from-env.ts";

export function signInDepsFromEnv() {
  const config = appConfig();
  return {
    sessions: staffSessionsFromEnv(),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    officeName: config.OFFICE_NAME,
  };
}
