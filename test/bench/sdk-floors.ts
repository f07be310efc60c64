/**
 * Handlers that only build AWS SDK clients, the way the adapters build them (shared/adapters/*-from-env.ts),
 * with the commands they send: the floor a set of clients sets under an SDK function's cold start.
 */

/** Per client (the name after @aws-sdk/client-), module code that builds it; each exports its own names. */
export const CLIENT_FLOOR_SOURCES: Readonly<Record<string, string>> = {
  dynamodb: `
import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
export const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
export const dynamodbCommands = [BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, ConditionalCheckFailedException];
`,
  ses: `
import { SendEmailCommand, SendRawEmailCommand, SESClient } from "@aws-sdk/client-ses";
export const ses = new SESClient({ maxAttempts: 2, requestHandler: { requestTimeout: 2000, throwOnRequestTimeout: true } });
export const sesCommands = [SendEmailCommand, SendRawEmailCommand];
`,
  s3: `
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
export const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
export const s3Commands = [GetObjectCommand, PutObjectCommand, NoSuchKey, S3ServiceException, getSignedUrl];
`,
  kms: `
import { GetPublicKeyCommand, KMSClient, SignCommand } from "@aws-sdk/client-kms";
export const kms = new KMSClient({});
export const kmsCommands = [GetPublicKeyCommand, SignCommand];
`,
  scheduler: `
import { ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient } from "@aws-sdk/client-scheduler";
export const scheduler = new SchedulerClient({});
export const schedulerCommands = [ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException];
`,
  sfn: `
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
export const sfn = new SFNClient({ requestHandler: { requestTimeout: 2000, throwOnRequestTimeout: true } });
export const sfnCommands = [SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand];
`,
};

/** A handler module that builds these clients and does nothing else. */
export function floorSource(clients: readonly string[]): string {
  if (clients.length === 0) throw new Error("A floor needs at least one SDK client");
  const parts = clients.map((client) => {
    const source = CLIENT_FLOOR_SOURCES[client];
    if (source === undefined)
      throw new Error(`No floor for @aws-sdk/client-${client}: add one to test/bench/sdk-floors.ts`);
    return source;
  });
  return `${parts.join("")}\nexport const handler = async () => ({});\n`;
}
