/**
 * The personal data keys for this container: the local runtime's key directory (PERSONAL_DATA_KEY_DIR, set by
 * infra/local only), or the KMS key the stack names (PERSONAL_DATA_KEY_ID, given only to functions granted
 * "personal-data"). Checked at init: a function given neither cannot start, so nothing is stored unsealed by
 * mistake. The handler tests say PERSONAL_DATA_KEYS=none, and get the repository as it is.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import type { LinkVault } from "../ports/link-vault.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import { PersonalData } from "../services/personal-data.ts";
import { createDocumentClient } from "./dynamodb-repository.ts";
import { FileDataKeys } from "./file-data-keys.ts";
import { appConfig } from "./from-env.ts";
import { KmsDataKeys } from "./kms-data-keys.ts";
import { sealedLinkVault, unsealedLinkVault } from "./link-vault.ts";
import { repositoryFromEnv } from "./repository-from-env.ts";
import { sealedRepository } from "./sealed-repository.ts";
import { unlogged } from "./unlogged-client.ts";

/** The keys as the environment says; undefined where the tests turned sealing off. */
export function personalDataFromEnv(env: NodeJS.ProcessEnv = process.env): PersonalData | undefined {
  if (env.PERSONAL_DATA_KEYS === "none") return undefined;
  if (env.PERSONAL_DATA_KEY_DIR) return new PersonalData(new FileDataKeys(env.PERSONAL_DATA_KEY_DIR));
  const keyId = env.PERSONAL_DATA_KEY_ID;
  if (!keyId) throw new Error("PERSONAL_DATA_KEY_ID (or, locally, PERSONAL_DATA_KEY_DIR) must be set");
  return new PersonalData(
    new KmsDataKeys(
      unlogged(new KMSClient({})),
      createDocumentClient(unlogged(new DynamoDBClient({}))),
      appConfig().TABLE_NAME,
      keyId,
    ),
  );
}

/** The repository for a function that reads or writes personal data: its fields sealed and opened. */
export function personalRepositoryFromEnv(env: NodeJS.ProcessEnv = process.env): PartnershipRepository {
  const personal = personalDataFromEnv(env);
  const repository = repositoryFromEnv();
  return personal ? sealedRepository(repository, personal) : repository;
}

/** The vault of the decisions' link tokens, sealed with the partnerships' keys (unsealed only in handler tests). */
export function linkVaultFromEnv(env: NodeJS.ProcessEnv = process.env): LinkVault {
  const personal = personalDataFromEnv(env);
  return personal ? sealedLinkVault(personal) : unsealedLinkVault;
}
