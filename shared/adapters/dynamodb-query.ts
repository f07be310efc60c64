/** A DynamoDB query read to its last page. */
import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";

export type QueryInput = Omit<ConstructorParameters<typeof QueryCommand>[0], "TableName">;

export async function queryAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  input: QueryInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({ ...input, TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
