/** The SES mailer for this container (the SDK reads AWS_ENDPOINT_URL_SES itself). */
import { SESClient } from "@aws-sdk/client-ses";
import { appConfig } from "./from-env.ts";
import { SesMailer } from "./ses-mailer.ts";
import { unlogged } from "./unlogged-client.ts";

export function mailerFromEnv(): SesMailer {
  return new SesMailer(unlogged(new SESClient({})), appConfig().SENDER_EMAIL);
}
