/** Destroying a partnership's wrapped KMS data key on its table item (kms-data-keys.ts); no KMS call. */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { PersonalDataEraser } from "../ports/personal-data-keys.ts";
import { DATA_KEY_ITEM_TYPE, dataKeyOf as keyOf } from "./data-key-item.ts";

/** Erasure on AWS: the wrapped key is overwritten with when it was erased. Idempotent: the first time stays. */
export class KmsDataKeyEraser implements PersonalDataEraser {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async erase(partnershipId: string, at: string): Promise<string> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keyOf(partnershipId), itemType: DATA_KEY_ITEM_TYPE, partnershipId, erasedAt: at },
          ConditionExpression: "attribute_not_exists(erasedAt)",
        }),
      );
      return at;
    } catch (error) {
      if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
      const out = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: keyOf(partnershipId), ConsistentRead: true }),
      );
      return String((out.Item as { erasedAt?: unknown } | undefined)?.erasedAt ?? at);
    }
  }
}
