/**
 * Checkpoints through the local runtime: the scheduled function signs a root over every chain head (the local
 * Ed25519 key, the append-only file under DATA_DIR), the audit API lists it with the key that checks it, and a
 * partnership deleted from the table afterwards is named at the next run, which tells the office and signs nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IssuedToken } from "#infra/local/staff.ts";
import { createDocumentClient } from "#shared/adapters/dynamodb-repository.ts";
import {
  type Checkpoint,
  checkpointBody,
  headProof,
  rootMatches,
  signatureValid,
  verifyHeadProof,
} from "#shared/domain/checkpoint.ts";
import { makeIntake } from "../fixtures/intake.ts";
import { Journey } from "./harness.ts";
import { toChecklist } from "./onboarding-steps.ts";

let journey: Journey;
let auditor: IssuedToken | undefined;

beforeAll(async () => {
  journey = await Journey.start();
  auditor = journey.runtime.staff.seed().find((t) => t.role === "auditor");
});
afterAll(async () => {
  await journey?.stop();
});

describe("checkpoints through the local runtime", () => {
  it("signs every head, publishes it with its key, then names a partnership deleted since", async () => {
    const kept = (await toChecklist(journey, makeIntake({ organisation: { name: "Keepsake Partners" } })))
      .partnershipId;
    const gone = (await toChecklist(journey, makeIntake({ organisation: { name: "Vanishing Partners" } })))
      .partnershipId;
    expect(await journey.runtime.scheduler.run("make-checkpoint")).toMatchObject({
      ok: true,
      number: 1,
      treeSize: 2,
    });

    const listed = (await (
      await journey.fetch("/api/audit/checkpoints", {
        headers: { authorization: `Bearer ${auditor?.token}` },
      })
    ).json()) as { publicKey: { pem: string; algorithm: string }; checkpoints: Checkpoint[] };
    expect(listed.publicKey.algorithm).toBe("Ed25519");
    const [checkpoint] = listed.checkpoints;
    if (!checkpoint) throw new Error("no checkpoint listed");
    expect(rootMatches(checkpoint)).toBe(true);
    expect(signatureValid(checkpoint, listed.publicKey.pem)).toBe(true);
    const proof = headProof(checkpoint, kept);
    expect(proof && verifyHeadProof(checkpoint, proof)).toBe(true);

    // The whole partnership deleted from the table: its META, its ledger, its decisions.
    const db = createDocumentClient(new DynamoDBClient({ endpoint: journey.runtime.urls.dynamodb }));
    const items = await db.send(
      new QueryCommand({
        TableName: "partnerflow",
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": `PARTNERSHIP#${gone}` },
      }),
    );
    for (const item of items.Items ?? [])
      await db.send(new DeleteCommand({ TableName: "partnerflow", Key: { pk: item.pk, sk: item.sk } }));
    const since = Date.now();
    const second = await journey.runtime.scheduler.run("make-checkpoint");
    expect(second).toMatchObject({
      ok: false,
      problems: [
        expect.objectContaining({
          partnershipId: gone,
          reason: expect.stringMatching(/the partnership is gone/),
        }),
      ],
    });
    const mail = await journey.waitForMail(
      /^Ledger check failed: 1 partnership$/,
      "partnerships-office@example.org",
      10_000,
      since,
    );
    expect(mail.text).toContain(`Partnership ${gone}`);
  });

  it("names the checkpoint file under DATA_DIR edited in place, and signs nothing after it", async () => {
    await toChecklist(journey, makeIntake({ organisation: { name: "Filed Partners" } }));
    const file = join(journey.dataDir, "checkpoints", "checkpoints.ndjson");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const last = JSON.parse(lines.at(-1) ?? "") as Checkpoint;
    // Its first head dropped and the root recomputed, written over the line (not appended).
    const heads = last.heads.slice(1);
    const edited = {
      ...last,
      heads,
      treeSize: heads.length,
      rootHash: checkpointBody(heads, undefined, last.at, last).rootHash,
    };
    writeFileSync(file, `${[...lines.slice(0, -1), JSON.stringify(edited)].join("\n")}\n`);
    const run = await journey.runtime.scheduler.run("make-checkpoint");
    expect(run).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        {
          partnershipId: "(checkpoint)",
          seq: last.number,
          reason: `checkpoint ${last.number} is not signed by the office's key over its own root`,
        },
      ]),
    });
    expect(readFileSync(file, "utf8").trimEnd().split("\n")).toHaveLength(lines.length);
  });
});
