/** The DynamoDB repository for this container (the SDK reads AWS_ENDPOINT_URL_DYNAMODB itself). */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient, DynamoDbPartnershipRepository } from "./dynamodb-repository.ts";
import { appConfig } from "./from-env.ts";
import { unlogged } from "./unlogged-client.ts";

export function repositoryFromEnv(): DynamoDbPartnershipRepository {
  return new DynamoDbPartnershipRepository(
    createDocumentClient(unlogged(new DynamoDBClient({}))),
    appConfig().TABLE_NAME,
  );
}
