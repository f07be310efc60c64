/**
 * Stands in for @aws-sdk/credential-provider-node in the Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts): every SDK client built without `credentials` asks its `defaultProvider`.
 *
 * Lambda hands a function its role's credentials in environment variables, so the SDK's default chain never
 * gets past its first link there, @aws-sdk/credential-provider-env's fromEnv; this is that link on its own,
 * with the same variables and result. Unbundled code (tests, `npm start`) keeps the SDK's own chain; the local
 * runtime sets the same variables.
 */

export interface EnvCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly credentialScope?: string;
  readonly accountId?: string;
  /** The SDK's credential-source feature flag it reports in the user agent (fromEnv sets the same). */
  readonly $source: Readonly<Record<string, string>>;
}

export class CredentialsProviderError extends Error {
  override readonly name = "CredentialsProviderError";
  /** The SDK's provider chains read this; there is no next link here. */
  readonly tryNextLink = false;
}

export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new CredentialsProviderError(
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (Lambda sets them from the function's role)",
    );
  }
  const credentials: EnvCredentials = {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
    ...(env.AWS_CREDENTIAL_SCOPE ? { credentialScope: env.AWS_CREDENTIAL_SCOPE } : {}),
    ...(env.AWS_ACCOUNT_ID ? { accountId: env.AWS_ACCOUNT_ID } : {}),
    $source: { CREDENTIALS_ENV_VARS: "g" },
  };
  return credentials;
}

/** The export the SDK clients' runtime config imports from @aws-sdk/credential-provider-node. */
export const defaultProvider =
  (_init: unknown = {}) =>
  async (): Promise<EnvCredentials> =>
    credentialsFromEnv();
