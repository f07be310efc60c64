import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as getSchema } from "#functions/get-intake-schema/handler.ts";
import { handler as submitIntake } from "#functions/submit-intake/handler.ts";
import { stateUpdates } from "../fixtures/anchor.ts";
import { form, httpEvent, lambdaContext } from "../fixtures/http-event.ts";
import { intakeFormFields, makeIntake } from "../fixtures/intake.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESClient);

const postJson = (body: string, headers: Record<string, string> = {}) =>
  submitIntake(
    httpEvent("POST /api/partnerships", {
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
    lambdaContext,
  );

function writes() {
  return ddb.commandCalls(PutCommand).length + ddb.commandCalls(UpdateCommand).length;
}

describe("submit-intake (JSON API)", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
    ddb.on(QueryCommand).resolves({ Items: [] });
  });

  it("records the partnership, its first ledger event and a hashed status link, then starts the execution named after it", async () => {
    const response = await postJson(JSON.stringify(makeIntake()));
    expect(response.statusCode).toBe(202);
    const body = JSON.parse(String(response.body)) as { partnershipId: string; statusUrl: string };
    expect(body.partnershipId).toMatch(/^[0-9A-Z]{26}$/);
    const statusToken = body.statusUrl.split("/status/")[1] ?? "";
    expect(body.statusUrl).toBe(`https://partners.example.org/status/${statusToken}`);
    expect(response.headers).not.toHaveProperty("location");

    const items = ddb.commandCalls(PutCommand).map((c) => c.args[0].input.Item ?? {});
    expect(items.find((i) => i.sk === "META")).toMatchObject({
      pk: `PARTNERSHIP#${body.partnershipId}`,
      stage: "SUBMITTED",
    });
    expect(items.find((i) => i.sk === "EVENT#000000001")).toMatchObject({ type: "IntakeSubmitted" });
    const link = items.find((i) => i.sk === "LINK");
    expect(link?.pk).toMatch(/^LINK#[0-9a-f]{64}$/);
    expect(JSON.stringify(items)).not.toContain(statusToken);
    // The ledger begins with a conditional write of event 1: nothing is read first. The one query is the
    // head's, read to record the acknowledgement once sent (EmailSent), after event 1.
    expect(ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.KeyConditionExpression)).toEqual([
      "pk = :pk AND begins_with(sk, :prefix)",
    ]);

    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input)).toEqual([
      {
        stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:onboarding",
        name: body.partnershipId,
        input: JSON.stringify({ partnershipId: body.partnershipId }),
      },
    ]);
    const mail = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(mail?.Destination?.ToAddresses).toEqual([makeIntake().contact.email]);
    expect(mail?.Message?.Body?.Text?.Data).toContain(body.statusUrl);
    expect(mail?.Message?.Body?.Text?.Data).not.toContain(makeIntake().contact.name);
  });

  it("returns the same partnership for a retried Idempotency-Key and starts nothing new", async () => {
    const intake = makeIntake();
    const { createHash } = await import("node:crypto");
    const { canonicalJson } = await import("#shared/domain/canonical-json.ts");
    const requestHash = createHash("sha256").update(canonicalJson(intake)).digest("hex");
    ddb.on(GetCommand).resolves({});
    ddb
      .on(PutCommand, { Item: { pk: "IDEMPOTENCY#retry-key-123" } })
      .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    retriedIntake(requestHash, { once_acknowledged: "2026-11-23T10:00:01Z" });

    const response = await postJson(JSON.stringify(intake), { "idempotency-key": "retry-key-123" });
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(String(response.body))).toMatchObject({
      partnershipId: "01KAW0000000000000000000PP",
      created: false,
    });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    // Only the conditional write of event 1 was tried: nothing is chained after it.
    const eventPuts = ddb
      .commandCalls(PutCommand)
      .map((c) => c.args[0].input)
      .filter((input) => String(input.Item?.sk).startsWith("EVENT#"));
    expect(eventPuts).toHaveLength(1);
    expect(eventPuts[0]).toMatchObject({
      Item: { sk: "EVENT#000000001", type: "IntakeSubmitted" },
      ConditionExpression: "attribute_not_exists(pk)",
    });
  });

  it("leaves the acknowledgement, and the start, to the request that claimed it moments ago (a double click): one email", async () => {
    const intake = makeIntake();
    const { createHash } = await import("node:crypto");
    const { canonicalJson } = await import("#shared/domain/canonical-json.ts");
    retriedIntake(createHash("sha256").update(canonicalJson(intake)).digest("hex"), {
      acknowledgementClaimedAt: new Date().toISOString(),
    });
    // The claim is fresh, so DynamoDB refuses this request's.
    ddb
      .on(UpdateCommand, { UpdateExpression: "SET acknowledgementClaimedAt = :at" })
      .rejects(new ConditionalCheckFailedException({ message: "claimed", $metadata: {} }));
    const response = await postJson(JSON.stringify(intake), { "idempotency-key": "retry-key-123" });
    expect(response.statusCode).toBe(202);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    // Its own answer still carries a working status link. The workflow waits for the acknowledgement: the
    // request sending it starts it, or, if that one was cut short, the intake sweep does.
    expect(JSON.parse(String(response.body)).statusUrl).toMatch(/\/status\/[A-Za-z0-9_-]{43}$/);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it("leaves the acknowledgement unmarked, and the execution unstarted, when SES refuses to send it", async () => {
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error("Maximum sending rate exceeded."), { name: "Throttling" }));
    const response = await postJson(JSON.stringify(makeIntake()), { "idempotency-key": "retry-key-123" });
    expect(response.statusCode).toBe(500);
    // Not marked sent; the claim taken for the send is given up, so that a retry at once sends it.
    expect(stateUpdates(ddb).map((input) => input.UpdateExpression)).toEqual([
      "SET acknowledgementClaimedAt = :at",
      "REMOVE acknowledgementClaimedAt",
    ]);
    expect(stateUpdates(ddb)[1]?.ConditionExpression).toBe("acknowledgementClaimedAt = :at");
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it("takes no claim on the acknowledgement when it fails before the send (so a retry at once sends it)", async () => {
    ddb
      .on(PutCommand, { Item: { sk: "LINK" } })
      .rejects(Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" }));
    const response = await postJson(JSON.stringify(makeIntake()), { "idempotency-key": "retry-key-123" });
    expect(response.statusCode).toBe(500);
    expect(stateUpdates(ddb)).toHaveLength(0);
    const meta = ddb.commandCalls(PutCommand).find((c) => c.args[0].input.Item?.sk === "META");
    expect(meta?.args[0].input.Item).not.toHaveProperty("acknowledgementClaimedAt");
    expect(ses.calls()).toHaveLength(0);
  });

  it("sends the acknowledgement on a retry when the first attempt failed to send it, then marks it sent", async () => {
    const intake = makeIntake();
    const { createHash } = await import("node:crypto");
    const { canonicalJson } = await import("#shared/domain/canonical-json.ts");
    retriedIntake(createHash("sha256").update(canonicalJson(intake)).digest("hex"), {});
    ddb.on(UpdateCommand).resolves({});

    const response = await postJson(JSON.stringify(intake), { "idempotency-key": "retry-key-123" });
    expect(response.statusCode).toBe(202);
    const mails = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(mails.map((m) => m.Destination?.ToAddresses)).toEqual([[intake.contact.email]]);
    expect(mails[0]?.Message?.Body?.Text?.Data).toContain(JSON.parse(String(response.body)).statusUrl);
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      // Taken on only if no other request claimed it within the last minute (or it was given up).
      expect.objectContaining({
        Key: { pk: "PARTNERSHIP#01KAW0000000000000000000PP", sk: "META" },
        UpdateExpression: "SET acknowledgementClaimedAt = :at",
        ExpressionAttributeValues: expect.objectContaining({ ":stale": expect.any(String) }),
      }),
      expect.objectContaining({
        Key: { pk: "PARTNERSHIP#01KAW0000000000000000000PP", sk: "META" },
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#m)",
        ExpressionAttributeNames: { "#m": "once_acknowledged" },
      }),
    ]);
  });

  it("answers 409 when an Idempotency-Key is reused for a different intake", async () => {
    ddb
      .on(PutCommand, { Item: { pk: "IDEMPOTENCY#retry-key-123" } })
      .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: { partnershipId: "X", requestHash: "different", createdAt: "t" } });
    const response = await postJson(JSON.stringify(makeIntake()), { "idempotency-key": "retry-key-123" });
    expect(response.body).toContain("already used");
    expect(response.statusCode).toBe(409);
    expect(sfn.calls()).toHaveLength(0);
  });

  it.each([
    ["malformed JSON", "{not json", "(body)"],
    ["a missing field", JSON.stringify({ ...makeIntake(), contact: undefined }), "contact"],
    ["a wrong type", JSON.stringify({ ...makeIntake(), services: "one" }), "services"],
    ["an unknown enum value", JSON.stringify({ ...makeIntake(), audiences: ["toddlers"] }), "audiences.0"],
    [
      "markup in free text",
      JSON.stringify({
        ...makeIntake(),
        organisation: { ...makeIntake().organisation, name: "<script>x</script>" },
      }),
      "organisation.name",
    ],
    [
      "a line break and header in a name (it goes into email subjects)",
      JSON.stringify(makeIntake({ organisation: { name: "Evil Org\r\nBcc: victim@example.net" } })),
      "organisation.name",
    ],
    [
      "a bidirectional override (the name would read differently from what it is)",
      JSON.stringify(makeIntake({ organisation: { name: "Safe \u202Egro.live" } })),
      "organisation.name",
    ],
    [
      "a zero-width space in a name (the name would pass for another in the duplicate check)",
      JSON.stringify(makeIntake({ organisation: { name: "Ze\u200Bta Unique Widgets Co" } })),
      "organisation.name",
    ],
    [
      "a control character in a multi-line answer",
      JSON.stringify(makeIntake({ needsAssessment: { needToFill: "We need help with\u0007 recruiting." } })),
      "needsAssessment.needToFill",
    ],
    ["an unknown field", JSON.stringify({ ...makeIntake(), admin: true }), "admin"],
    [
      "an unknown field inside a nested object",
      JSON.stringify({ ...makeIntake(), organisation: { ...makeIntake().organisation, admin: true } }),
      "organisation.admin",
    ],
    [
      "an unknown field two objects deep",
      JSON.stringify(makeIntake({ needsAssessment: { readiness: { verified: true } as never } })),
      "needsAssessment.readiness.verified",
    ],
    [
      "a name without a letter or digit (it could not be compared for duplicates)",
      JSON.stringify(makeIntake({ organisation: { name: "!! --" } })),
      "organisation.name",
    ],
  ])("answers 400 naming the field for %s and writes nothing", async (_what, body, field) => {
    const response = await postJson(body);
    expect(response.statusCode).toBe(400);
    const errors = (JSON.parse(String(response.body)) as { errors: { field: string }[] }).errors;
    expect(errors.map((e) => e.field)).toContain(field);
    expect(writes()).toBe(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it.each(["short", "has spaces in it", "x".repeat(129)])(
    "answers 400 naming the Idempotency-Key header when it is not valid (%j), and writes nothing",
    async (key) => {
      const response = await postJson(JSON.stringify(makeIntake()), { "idempotency-key": key });
      expect(response.statusCode).toBe(400);
      const errors = (JSON.parse(String(response.body)) as { errors: { field: string }[] }).errors;
      expect(errors.map((e) => e.field)).toEqual(["Idempotency-Key"]);
      expect(writes()).toBe(0);
    },
  );

  it("answers 400 for a body over 64 KiB without parsing it", async () => {
    const response = await postJson(JSON.stringify({ ...makeIntake(), pad: "x".repeat(70_000) }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("64 KiB");
    expect(writes()).toBe(0);
  });
});

describe("submit-intake (HTML form)", () => {
  beforeEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
  });

  it("shows the form again with a message next to each failing field and writes nothing", async () => {
    const response = await submitIntake(
      httpEvent("POST /", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form({
          "organisation.name": "A",
          "contact.email": "not-an-email",
          idempotencyKey: "form-key-12345",
        }),
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="f-contact-email-error"');
    expect(response.body).toContain('value="form-key-12345"');
    expect(response.body).toContain('value="not-an-email"');
    expect(writes()).toBe(0);
  });

  it("shows the form again, with a new key and the answers kept, when it was sent before with other answers", async () => {
    // Back after sending, an edit, and Send: the hidden key is the one already used.
    ddb
      .on(PutCommand, { Item: { pk: "IDEMPOTENCY#form-key-12345" } })
      .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
    ddb
      .on(GetCommand)
      .resolves({ Item: { partnershipId: "X", requestHash: "other answers", createdAt: "t" } });
    const intake = makeIntake({ organisation: { name: "Edited After Back Ltd" } });
    const response = await submitIntake(
      httpEvent("POST /", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form({ ...intakeFormFields(intake), idempotencyKey: "form-key-12345" }),
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(409);
    const body = String(response.body);
    expect(body).toContain("This form was already sent, with other answers.");
    expect(body).toContain('value="Edited After Back Ltd"');
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(body)?.[1];
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key).not.toBe("form-key-12345");
    expect(sfn.calls()).toHaveLength(0);
    expect(ses.calls()).toHaveLength(0);
  });

  it("names each failing field of an empty form by its label, in plain words, linking to a place on the page", async () => {
    const response = await submitIntake(
      httpEvent("POST /", {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form({ idempotencyKey: "form-key-12345", "organisation.type": "bakery" }),
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(400);
    const body = String(response.body);
    const summary = /<div class="summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? "";
    const items = [...summary.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a>: ([^<]+)<\/li>/g)];
    expect(items.length).toBeGreaterThan(10);
    for (const [, target, name] of items) {
      expect(body).toContain(`id="${target}"`);
      expect(name).not.toMatch(/^[a-z]+(\.[a-zA-Z0-9]+)+$/);
    }
    const said = Object.fromEntries(items.map(([, , name, message]) => [name, message]));
    expect(said).toMatchObject({
      "Organisation name": "Required",
      "Organisation type": "Choose one of the options offered",
      "Contact person: Name": "Required",
      "Contact person: Email": "Required",
      "Proposed signatory: Name": "Required",
      "Services you would provide (one per line)": "Required",
      "How you would contribute": "Required",
      "Which learners you would serve": "Required",
      "What need do you want to fill?": "Required",
      "Do you have the capacity to take on this partnership?": "Required",
      "Staff time you can give (hours per month)": "Required",
    });
    // An empty field gets that one message, not also one about its length or format.
    const names = items.map(([, , name]) => name);
    expect(new Set(names).size).toBe(names.length);
    // The title says so, and a field with a hint is described by the hint and its message.
    expect(body).toContain("<title>Please correct the form: Partner intake · Partnerflow</title>");
    expect(body).toMatch(
      /<textarea id="f-services" name="services" required class="invalid" aria-invalid="true" aria-describedby="f-services-hint f-services-error">/,
    );
    expect(body).toContain('<p class="hint" id="f-services-hint">');
    expect(body).toContain('<fieldset id="f-audiences" aria-describedby="f-audiences-error">');
    // No message of the validation library's own ("Invalid input: expected boolean, received string").
    for (const [, , , message] of items) expect(message).not.toMatch(/Invalid|expected|received/);
  });
});

describe("get-intake-schema", () => {
  it("publishes the JSON Schema generated from the zod schema", async () => {
    const response = await getSchema(httpEvent("GET /api/schema/intake"), lambdaContext);
    const schema = JSON.parse(String(response.body)) as {
      properties: Record<string, { properties?: Record<string, { enum?: string[] }> }>;
      required: string[];
    };
    expect(response.statusCode).toBe(200);
    expect(schema.required).toEqual(
      expect.arrayContaining(["organisation", "contact", "signatory", "needsAssessment"]),
    );
    expect(schema.properties.organisation?.properties?.type?.enum).toContain("community-agency");
  });
});

/** The table as a first attempt of the same intake left it: key claimed, partnership made, ledger begun. */
function retriedIntake(requestHash: string, partnership: Record<string, unknown>) {
  ddb.on(GetCommand).resolves({});
  ddb
    .on(PutCommand, { Item: { pk: "IDEMPOTENCY#retry-key-123" } })
    .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
  ddb.on(GetCommand, { Key: { pk: "IDEMPOTENCY#retry-key-123", sk: "IDEMPOTENCY" } }).resolves({
    Item: { partnershipId: "01KAW0000000000000000000PP", requestHash, createdAt: "2026-11-23T10:00:00Z" },
  });
  ddb.on(GetCommand, { Key: { pk: "PARTNERSHIP#01KAW0000000000000000000PP", sk: "META" } }).resolves({
    Item: partnershipItem("01KAW0000000000000000000PP", { stage: "SUBMITTED", ...partnership }),
  });
  ddb
    .on(PutCommand, { Item: { sk: "META" } })
    .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
  ddb
    .on(PutCommand, { Item: { sk: "EVENT#000000001" } })
    .rejects(new ConditionalCheckFailedException({ message: "exists", $metadata: {} }));
}
