/** What the onboarding journeys post at each step, and how they find their links in the mail catcher. */
import type { Intake } from "#shared/schemas/intake.ts";
import { agreementTerms, checklistAnswers } from "../fixtures/onboarding-answers.ts";
import { ANY_OFFICER, type CaughtMail, type Journey, linkIn } from "./harness.ts";

/** The path of the link a mail carries. */
export const pathOf = (mail: CaughtMail, linkPath: string) => new URL(linkIn(mail, linkPath)).pathname;

/** The value of a hidden field on a page. */
export function hidden(html: string, name: string): string {
  return new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1] ?? "";
}

/** The checklist's answers for makeIntake()'s items (declarations and evidence details, no files). */
export const CHECKLIST = checklistAnswers();

/** The agreement's terms as the officer fills them in (starting a month from now). */
export const TERMS = agreementTerms();

/** The link of a mail like earlier ones (a second round) whose link is none of `seen`. */
export async function nextLink(
  journey: Journey,
  subject: RegExp,
  linkPath: string,
  seen: readonly string[],
): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const mail of await journey.mail())
      if (subject.test(mail.subject) && mail.text.includes(linkPath)) {
        const path = pathOf(mail, linkPath);
        if (!seen.includes(path)) return path;
      }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No new ${linkPath} link in a mail matching ${subject}`);
}

/** The checklist's items as verified by the officer, every one. */
export const ALL_VERIFIED = Object.fromEntries(
  [...new Set(Object.keys(CHECKLIST).map((k) => k.split(".")[0] ?? ""))].map((id) => [
    `${id}.verdict`,
    "verified",
  ]),
);

/** An intake submitted and approved: its status link and the path of the partner's checklist link. */
export async function toChecklist(journey: Journey, intake: Intake) {
  const submitted = await journey.submitJson(intake);
  if (submitted.status !== 202) throw new Error(`intake refused: ${submitted.status}`);
  const { partnershipId, statusUrl } = (await submitted.json()) as {
    partnershipId: string;
    statusUrl: string;
  };
  const name = intake.organisation.name;
  const review = await journey.waitForMail(new RegExp(`intake review for ${name}`), ANY_OFFICER);
  await expectOk(journey.postForm(pathOf(review, "/decisions"), { noConflict: "yes", outcome: "approve" }));
  const checklist = await journey.waitForMail(
    new RegExp(`Vetting checklist for the ${name}`),
    intake.contact.email,
  );
  return { partnershipId, statusUrl, checklist: pathOf(checklist, "/vetting") };
}

/** On to the signatory's signing link: checklist sent and verified, authority confirmed, terms issued. */
export async function toSigning(journey: Journey, intake: Intake) {
  const { checklist, ...rest } = await toChecklist(journey, intake);
  const name = intake.organisation.name;
  await expectOk(journey.postForm(checklist, { action: "send", ...CHECKLIST }));
  const review = await journey.waitForMail(new RegExp(`vetting review for ${name}`), ANY_OFFICER);
  await expectOk(
    journey.postForm(pathOf(review, "/vetting-review"), {
      ...ALL_VERIFIED,
      noConflict: "yes",
      outcome: "record",
    }),
  );
  const sign = await vettedToSigning(journey, intake);
  return { ...rest, verifier: review.to[0] ?? "", sign };
}

/** From a vetted partnership to the signing link: the signatory confirms, an officer issues the terms. */
export async function vettedToSigning(journey: Journey, intake: Intake): Promise<string> {
  const name = intake.organisation.name;
  const authority = await journey.waitForMail(
    new RegExp(`confirm your authority to sign for ${name}`),
    intake.signatory.email,
  );
  await expectOk(
    journey.postForm(pathOf(authority, "/authority"), {
      action: "confirm",
      name: intake.signatory.name,
      title: intake.signatory.title,
      authority: "yes",
    }),
  );
  const terms = await journey.waitForMail(new RegExp(`the agreement's terms for ${name}`), ANY_OFFICER);
  await expectOk(
    journey.postForm(pathOf(terms, "/agreement"), { ...TERMS, noConflict: "yes", outcome: "issue" }),
  );
  const sign = await journey.waitForMail(
    new RegExp(`Please sign the partnership agreement for ${name}`),
    intake.signatory.email,
  );
  return pathOf(sign, "/sign");
}

async function expectOk(response: Promise<Response>): Promise<void> {
  const answered = await response;
  if (answered.status !== 200)
    throw new Error(`expected 200, got ${answered.status}: ${(await answered.text()).slice(0, 300)}`);
}

/**
 * From the signing link to ACTIVE: the signatory signs, an officer countersigns; waits for the onboarding's
 * execution to end (its last task is the delivery). Returns the execution's status.
 */
export async function signedToActive(
  journey: Journey,
  intake: Intake,
  sign: string,
  partnershipId: string,
): Promise<string> {
  const sha = hidden(await (await journey.fetch(sign)).text(), "documentSha256");
  await expectOk(
    journey.postForm(sign, {
      action: "sign",
      consent: "yes",
      intent: "yes",
      documentSha256: sha,
      fullName: intake.signatory.name,
    }),
  );
  const countersign = await journey.waitForMail(
    new RegExp(`countersign the agreement with ${intake.organisation.name}`),
    ANY_OFFICER,
  );
  await expectOk(
    journey.postForm(pathOf(countersign, "/countersign"), {
      documentSha256: sha,
      intent: "yes",
      fullName: "Morgan Lee",
      noConflict: "yes",
      outcome: "countersign",
    }),
  );
  return executionEnd(journey, journey.runtime.stateMachineArn, partnershipId);
}

/** The status of the named execution once it is no longer running (or after 10 s). */
export async function executionEnd(journey: Journey, stateMachineArn: string, name: string): Promise<string> {
  const arn = `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { status } = await journey.runtime.stepFunctions.describeExecution(arn);
    if (status !== "RUNNING" || Date.now() >= deadline) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An intake onboarded to ACTIVE with its liability insurance expiring on `expiry` (YYYY-MM-DD), every item
 * verified: its id and status link.
 */
export async function activeWithInsuranceTo(journey: Journey, intake: Intake, expiry: string) {
  const { partnershipId, statusUrl, checklist } = await toChecklist(journey, intake);
  await expectOk(
    journey.postForm(checklist, { action: "send", ...CHECKLIST, "liability-insurance.expiry": expiry }),
  );
  const name = intake.organisation.name;
  const review = await journey.waitForMail(new RegExp(`vetting review for ${name}`), ANY_OFFICER);
  await expectOk(
    journey.postForm(pathOf(review, "/vetting-review"), {
      ...ALL_VERIFIED,
      noConflict: "yes",
      outcome: "record",
    }),
  );
  const sign = await vettedToSigning(journey, intake);
  const end = await signedToActive(journey, intake, sign, partnershipId);
  if (end !== "SUCCEEDED") throw new Error(`the onboarding ended ${end}`);
  await journey.waitForStage(statusUrl, "ACTIVE");
  return { partnershipId, statusUrl };
}
