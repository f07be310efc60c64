import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESClient } from "@aws-sdk/client-ses";
import { SFNClient } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { unlogged } from "#shared/adapters/unlogged-client.ts";

const names = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().map((entry) => entry.split(" ")[0]);

describe("the adapters' SDK clients", () => {
  it.each([
    ["DynamoDB", () => new DynamoDBClient({ region: "eu-west-1" })],
    ["SES", () => new SESClient({ region: "eu-west-1" })],
    ["Step Functions", () => new SFNClient({ region: "eu-west-1" })],
  ])(
    "%s: no logger middleware (it filters every call for a log we never write); the rest stays",
    (_, make) => {
      const plain = make();
      expect(names(plain)).toContain("loggerMiddleware");
      const client = unlogged(make());
      expect(names(client)).not.toContain("loggerMiddleware");
      expect(names(client)).toEqual(names(plain).filter((name) => name !== "loggerMiddleware"));
      expect(names(client)).toEqual(expect.arrayContaining(["retryMiddleware", "httpSigningMiddleware"]));
    },
  );
});
