/**
 * A repository on real DynamoDB for tests (dynalite with the deployed table's model), started before the
 * file's tests and removed after them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll } from "vitest";
import { startDynamoDb } from "#infra/local/dynamodb.ts";
import { synthTemplates } from "#infra/local/synth.ts";
import { buildLocalModel } from "#infra/local/template.ts";
import { createDocumentClient, DynamoDbPartnershipRepository } from "#shared/adapters/dynamodb-repository.ts";

/** Registers the hooks; the repository is there from the file's first test on (`current()` before that throws). */
export function useLocalRepository(name: string): { current(): DynamoDbPartnershipRepository } {
  const dataDir = mkdtempSync(join(tmpdir(), `partnerflow-${name}-`));
  let close: (() => Promise<void>) | undefined;
  let repository: DynamoDbPartnershipRepository | undefined;
  beforeAll(async () => {
    const { tables } = buildLocalModel(await synthTemplates({ cache: true }));
    const dynamodb = await startDynamoDb({ dataDir, tables });
    close = dynamodb.close;
    const client = new DynamoDBClient({
      endpoint: dynamodb.url,
      region: "eu-west-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    repository = new DynamoDbPartnershipRepository(createDocumentClient(client), tables[0]?.tableName ?? "");
  });
  afterAll(async () => {
    await close?.();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    current() {
      if (!repository) throw new Error("The local repository starts in beforeAll");
      return repository;
    },
  };
}
