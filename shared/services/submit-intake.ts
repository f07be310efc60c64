/** Accepts an intake: one partnership per idempotency key, first ledger event, acknowledgement, workflow start. */
import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/canonical-json.ts";
import { newId } from "../domain/ids.ts";
import { ConflictError } from "../http/problems.ts";
import type { Intake } from "../schemas/intake.ts";
import { acknowledgeIntake, issueStatusLink } from "./acknowledge-intake.ts";
import type { Needs } from "./dependencies.ts";
import { intakeSubmitted } from "./intake-submitted.ts";

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface SubmitResult {
  partnershipId: string;
  statusUrl: string;
  /** False when this was a retry of an intake already accepted. */
  created: boolean;
}

export async function submitIntake(
  deps: Needs<"repository" | "clock" | "config" | "mailer" | "starter">,
  intake: Intake,
  idempotencyKey: string | undefined,
): Promise<SubmitResult> {
  const { repository, clock } = deps;
  const now = clock.now();
  const at = now.toISOString();
  const requestHash = createHash("sha256").update(canonicalJson(intake)).digest("hex");

  let partnershipId = newId(now);
  if (idempotencyKey) {
    const claim = await repository.claimIdempotencyKey(
      { key: idempotencyKey, partnershipId, requestHash, createdAt: at },
      new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS),
    );
    if (claim.requestHash !== requestHash) {
      throw new ConflictError("This Idempotency-Key was already used for a different intake");
    }
    partnershipId = claim.partnershipId;
  }

  // Every step below is safe to repeat, so a retry after a crash completes what the first attempt began.
  const created = await repository.createPartnership({
    id: partnershipId,
    stage: "SUBMITTED",
    organisationName: intake.organisation.name,
    website: intake.organisation.website,
    intake,
    intakeVersion: 1,
    assessmentRound: 0,
    submittedAt: at,
    updatedAt: at,
  });
  const existing = created ? undefined : await repository.getPartnership(partnershipId);
  // A retry finds the ledger begun and leaves it as it is.
  await repository.beginLedger(intakeSubmitted(partnershipId, intake, at));

  // A status link per accepted request: the plain token exists only in this response and the email.
  const statusUrl = await issueStatusLink(deps, partnershipId, now);
  const acknowledged =
    existing?.acknowledgedAt !== undefined ||
    (await acknowledgeIntake(
      deps,
      {
        id: partnershipId,
        organisationName: existing?.organisationName ?? intake.organisation.name,
        contactEmail: intake.contact.email,
      },
      async () => statusUrl,
      now,
    ));
  // Started only once the acknowledgement is sent: a request that finds another one sending it (a double
  // click) leaves the start to that one, or, if that one was cut short, to the intake sweep
  // (finish-stalled-intakes), which finds the partnership still at SUBMITTED. A partnership never moves on
  // with its acknowledgement skipped.
  if (acknowledged) await deps.starter.start(partnershipId);
  return { partnershipId, statusUrl, created };
}
