/**
 * The console's page handlers on mocked DynamoDB: who may read (401 without claims, 403 for an officer or a
 * role it does not know, reading nothing), the list with its filters (400 page naming a bad one), a partnership's
 * page with its check on Verify and its workflow drawn, a decision page, and the 404 page of an unknown id.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as showConsole } from "#functions/show-console/handler.ts";
import { handler as showDecision } from "#functions/show-decision-as-seen/handler.ts";
import { eventItem } from "#shared/adapters/dynamodb-ledger.ts";
import type { Json } from "#shared/domain/canonical-json.ts";
import { fieldCipher } from "#shared/domain/field-cipher.ts";
import { chainEvent, type LedgerEvent } from "#shared/domain/ledger.ts";
import type { EventType } from "#shared/events/registry.ts";
import type { HttpEvent } from "#shared/http/http-handler.ts";
import { SEALED_WORDS } from "#shared/web/sealed-text.ts";
import { httpEvent, lambdaContext, signedIn } from "../fixtures/http-event.ts";
import { partnershipItem } from "../fixtures/items.ts";

const ddb = mockClient(DynamoDBDocumentClient);
const P = "01KAW0000000000000000000PP";
const D = "01KAW0000000000000000000DD";

const as = signedIn;

type Answer = { statusCode: number; body: string; headers: Record<string, string> };
const page = (routeKey: string, groups?: string, extra: Partial<HttpEvent> = {}) => {
  const fn = routeKey.includes("{decisionId}") ? showDecision : showConsole;
  return fn(as(groups, { ...httpEvent(routeKey), ...extra }), lambdaContext) as Promise<Answer>;
};

function ledger(): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  const add = (step: string, data: { from: string; to: string }) =>
    events.push(
      chainEvent(events.at(-1), {
        partnershipId: P,
        at: `2026-11-23T10:00:0${events.length + 1}.000Z`,
        actor: "system:workflow",
        step,
        type: "StageChanged",
        data,
      }),
    );
  add("AssessNeeds", { from: "SUBMITTED", to: "ASSESSING" });
  add("AwaitOfficerDecision", { from: "ASSESSING", to: "ASSESSING" });
  return events;
}

describe("the console's pages", () => {
  beforeEach(() => ddb.reset());

  it("send a browser without a session to sign in, and answer 403 to an officer or an unknown role, reading nothing", async () => {
    for (const route of [
      "GET /console",
      "GET /console/partnerships/{id}",
      "GET /console/partnerships/{id}/decisions/{decisionId}",
    ]) {
      const extra = { pathParameters: { id: P, decisionId: D } };
      const unsigned = await page(route, undefined, extra);
      expect(unsigned.statusCode, route).toBe(303);
      expect(unsigned.headers.location, route).toMatch(/^\/sign-in\?next=%2Fconsole/);
      const officer = await page(route, "[officers]", extra);
      expect(officer.statusCode, route).toBe(403);
      expect(officer.headers["content-type"]).toMatch(/text\/html/);
      expect((await page(route, "[partners]", extra)).statusCode, route).toBe(403);
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it("refuses the termination form to an officer and an auditor by naming the lead's role alone", async () => {
    const extra = { pathParameters: { id: P } };
    for (const groups of ["[officers]", "[auditors]"]) {
      const refused = await page("GET /console/partnerships/{id}/termination", groups, extra);
      expect(refused.statusCode, groups).toBe(403);
      expect(refused.body, groups).toContain("This needs the role lead;");
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it("lists the partnerships for an auditor and for the lead, each linking to its page", async () => {
    ddb.on(QueryCommand, { IndexName: "byStage" }).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { IndexName: "byStage", ExpressionAttributeValues: { ":stage": "STAGE#ACTIVE" } })
      .resolves({ Items: [partnershipItem(P, { stage: "ACTIVE", organisationName: "<Riverside> & Co" })] });
    for (const groups of ["[auditors]", "[leads]"]) {
      const answer = await page("GET /console", groups, {
        queryStringParameters: { stage: "ACTIVE", type: "", from: "" },
      });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(answer.body).toContain(`<a href="/console/partnerships/${P}">&lt;Riverside&gt; &amp; Co</a>`);
      expect(answer.body).toContain('<option value="ACTIVE" selected>');
    }
  });

  it("says in each page's header who is signed in, in which role, with the sign-out button", async () => {
    ddb.on(QueryCommand, { IndexName: "byStage" }).resolves({ Items: [] });
    ddb
      .on(QueryCommand, { IndexName: "byStage", ExpressionAttributeValues: { ":stage": "STAGE#ACTIVE" } })
      .resolves({
        Items: [
          partnershipItem(P, {
            stage: "ACTIVE",
            assessment: { proposedType: "strategic-collaboration" },
          }),
        ],
      });
    const list = await page("GET /console", "[auditors]", { queryStringParameters: { stage: "ACTIVE" } });
    const bar =
      /<header class="site">.*<div class="signed-in"><p class="signed-in-as">Signed in as a@example.org \(auditor\)<\/p><form method="post" action="\/sign-out"><button type="submit" class="secondary">Sign out<\/button><\/form><\/div><\/header>/;
    expect(list.body).toMatch(bar);
    // The type in words, as the stage is; its code kept as data.
    expect(list.body).toContain(
      '<td data-label="Type" data-type="strategic-collaboration">Strategic collaboration</td>',
    );
    expect(list.body).toContain('<option value="strategic-collaboration">Strategic collaboration</option>');
    const events = ledger();
    ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { headSeq: 2, headHash: events.at(-1)?.hash }) });
    ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P), ...events.map(eventItem)] });
    const lead = await page("GET /console/partnerships/{id}", "[leads]", { pathParameters: { id: P } });
    expect(lead.statusCode).toBe(200);
    expect(lead.body).toMatch(
      /Signed in as a@example.org \(lead\)<\/p><form method="post" action="\/sign-out">/,
    );
    expect(lead.body.match(/class="signed-in"/g)).toHaveLength(1);
  });

  it("refuses a bad filter with a 400 page naming it, reading nothing", async () => {
    const answer = await page("GET /console", "[auditors]", {
      queryStringParameters: { stage: "DONE", from: "yesterday" },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toMatch(/stage/);
    expect(answer.body).toMatch(/from/);
    expect(ddb.calls()).toHaveLength(0);
  });

  it("shows a partnership's timeline, its check on Verify, the packet and export links, and its workflow", async () => {
    const events = ledger();
    const head = events.at(-1) as LedgerEvent;
    ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { headSeq: 2, headHash: head.hash }) });
    ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P), ...events.map(eventItem)] });
    const answer = await page("GET /console/partnerships/{id}", "[auditors]", {
      pathParameters: { id: P },
      queryStringParameters: { verify: "1" },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('id="verification" data-ok="true"');
    expect(answer.body).toContain(`href="/console/partnerships/${P}/packet"`);
    expect(answer.body).toContain('href="/console/export?format=jsonl"');
    expect(answer.body).toContain('href="/console/export?format=csv"');
    expect(answer.body).toMatch(/Current state: <strong>AwaitOfficerDecision<\/strong>/);
    expect(answer.body).toMatch(/<svg [^>]*role="img"/);
    expect(answer.body).toContain('data-state="AwaitOfficerDecision" data-current="true"');
    expect(answer.body).toContain(head.hash);
    const unverified = await page("GET /console/partnerships/{id}", "[auditors]", {
      pathParameters: { id: P },
    });
    expect(unverified.body).not.toContain('id="verification"');
  });

  it("prints a sealed personal value in words, never its ciphertext: the signer, the actor, the events in words", async () => {
    const cipher = fieldCipher(P, new Uint8Array(32).fill(7));
    const email = cipher.seal("ama.boateng@harbour.example", "signatory.email");
    const sha256 = "a".repeat(64);
    const events: LedgerEvent[] = [];
    const add = (actor: string, step: string, type: EventType, data: { [key: string]: Json }) =>
      events.push(
        chainEvent(events.at(-1), {
          partnershipId: P,
          at: `2026-11-23T10:00:0${events.length + 1}.000Z`,
          actor,
          step,
          type,
          data,
        }),
      );
    add("system:workflow", "IssueAgreementForSigning", "AgreementIssued", {
      version: 1,
      sha256,
      templateVersion: "2026-12-v1",
      termsDecisionId: D,
      issuedAt: "2026-11-23T10:00:01.000Z",
    });
    add("system:workflow", "AwaitPartnerSignature", "SignatureRequested", {
      kind: "agreement-signing",
      decisionId: D,
      assignee: email,
      dueAt: "2026-11-30T10:00:00.000Z",
    });
    add(`signatory:${email}`, "AwaitPartnerSignature", "PartnerSignatureAnswered", {
      kind: "agreement-signing",
      decisionId: D,
      outcome: "sign",
      comment: "",
      details: {
        signature: {
          name: cipher.seal("Ama Boateng", "signature.name"),
          email: cipher.seal("ama.boateng@harbour.example", "signature.email"),
          ip: cipher.seal("203.0.113.9", "signature.ip"),
          userAgent: cipher.seal("Firefox", "signature.userAgent"),
          signedAt: "2026-11-23T10:00:03.000Z",
          documentSha256: sha256,
        },
      },
    });
    const head = events.at(-1) as LedgerEvent;
    ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { headSeq: 3, headHash: head.hash }) });
    ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P), ...events.map(eventItem)] });
    const answer = await page("GET /console/partnerships/{id}", "[auditors]", { pathParameters: { id: P } });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain("sealed:v1:");
    expect(answer.body).toContain(`Signed for the partner by ${SEALED_WORDS} (${SEALED_WORDS}) at `);
    expect(answer.body).toContain(`<td>signatory:${SEALED_WORDS}</td>`);
    expect(answer.body).toContain(`The partner&#39;s signatory signed: ${SEALED_WORDS} (${SEALED_WORDS})`);
    expect(answer.body).toContain(`The signatory (${SEALED_WORDS}) was asked to sign the agreement`);
  });

  it("names the first bad event when the ledger does not verify", async () => {
    const events = ledger();
    ddb.on(GetCommand).resolves({ Item: partnershipItem(P, { headSeq: 3, headHash: "f".repeat(64) }) });
    ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P), ...events.map(eventItem)] });
    const answer = await page("GET /console/partnerships/{id}", "[leads]", {
      pathParameters: { id: P },
      queryStringParameters: { verify: "1" },
    });
    expect(answer.body).toContain('data-ok="false"');
    expect(answer.body).toMatch(/the first event that fails is seq 3/);
  });

  it("answers a 404 page for a partnership or a decision there is none of, and 400 for an id that is not one", async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    const missing = await page("GET /console/partnerships/{id}", "[auditors]", { pathParameters: { id: P } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/text\/html/);
    const route = "GET /console/partnerships/{id}/decisions/{decisionId}";
    expect((await page(route, "[auditors]", { pathParameters: { id: P, decisionId: D } })).statusCode).toBe(
      404,
    );
    ddb.on(QueryCommand).resolves({ Items: [partnershipItem(P), ...ledger().map(eventItem)] });
    expect((await page(route, "[auditors]", { pathParameters: { id: P, decisionId: D } })).statusCode).toBe(
      404,
    );
    expect(
      (await page("GET /console/partnerships/{id}", "[auditors]", { pathParameters: { id: "../x" } }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await page("GET /console/partnerships/{id}", "[auditors]", {
          pathParameters: { id: P },
          queryStringParameters: { verify: "yes" },
        })
      ).statusCode,
    ).toBe(400);
  });
});
