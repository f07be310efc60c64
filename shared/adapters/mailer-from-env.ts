/** The SES mailer for this container (the SDK reads AWS_ENDPOINT_URL_SES itself). */
import { SESClient } from "@aws-sdk/client-ses";
import { appConfig } from "./from-env.ts";
import { SesMailer } from "./ses-mailer.ts";
import { unlogged } from "./unlogged-client.ts";

/**
 * A send that hangs ends in an error after this long, well inside a function's 10 s, rather than with the
 * function's timeout: so a request that took on the acknowledgement gives it up (and a retry sends it), and a
 * workflow step's retry runs. (Without throwOnRequestTimeout the SDK only warns, and keeps waiting.)
 */
const SEND_TIMEOUT_MS = 3_000;

export function mailerFromEnv(): SesMailer {
  return new SesMailer(
    unlogged(
      new SESClient({ requestHandler: { requestTimeout: SEND_TIMEOUT_MS, throwOnRequestTimeout: true } }),
    ),
    appConfig().SENDER_EMAIL,
  );
}
