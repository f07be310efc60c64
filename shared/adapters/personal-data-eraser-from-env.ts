/**
 * What destroys a partnership's personal data key, for the erasure's function: the key file locally
 * (PERSONAL_DATA_KEY_DIR), the wrapped key on its table item on AWS. Apart from personal-data-from-env.ts, so
 * that the function bundles no KMS client: erasing needs none.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { PersonalDataEraser } from "../ports/personal-data-keys.ts";
import { KmsDataKeyEraser } from "./data-key-eraser.ts";
import { createDocumentClient } from "./dynamodb-repository.ts";
import { FileDataKeys } from "./file-data-keys.ts";
import { appConfig } from "./from-env.ts";
import { unlogged } from "./unlogged-client.ts";

export function personalDataEraserFromEnv(env: NodeJS.ProcessEnv = process.env): PersonalDataEraser {
  if (env.PERSONAL_DATA_KEY_DIR) return new FileDataKeys(env.PERSONAL_DATA_KEY_DIR);
  return new KmsDataKeyEraser(createDocumentClient(unlogged(new DynamoDBClient({}))), appConfig().TABLE_NAME);
}
