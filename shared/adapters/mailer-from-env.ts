/** The SES mailer for this container (the SDK reads AWS_ENDPOINT_URL_SES itself). */
import { SESClient } from "@aws-sdk/client-ses";
import { appConfig } from "./from-env.ts";
import { SesMailer } from "./ses-mailer.ts";
import { unlogged } from "./unlogged-client.ts";

/**
 * A send that hangs ends in an error well inside a function's 10 s, rather than with the function's timeout:
 * so a request that took on the acknowledgement gives it up (and a retry sends it), and a workflow step's
 * retry runs. Two attempts of at most 2 s each (the SDK retries a timeout as transient); without
 * throwOnRequestTimeout the SDK only warns, and keeps waiting. A send that timed out may still have been
 * delivered, so the retry's can be a second copy: better than none.
 */
const SEND_TIMEOUT_MS = 2_000;
const SEND_ATTEMPTS = 2;

export function mailerFromEnv(): SesMailer {
  return new SesMailer(
    unlogged(
      new SESClient({
        maxAttempts: SEND_ATTEMPTS,
        requestHandler: { requestTimeout: SEND_TIMEOUT_MS, throwOnRequestTimeout: true },
      }),
    ),
    appConfig().SENDER_EMAIL,
  );
}
