/** Accepts an intake: one partnership per idempotency key, first ledger event, acknowledgement, workflow start. */
import { createHash } from "node:crypto";
import type { Json } from "../domain/canonical-json.ts";
import { canonicalJson } from "../domain/canonical-json.ts";
import { newId } from "../domain/ids.ts";
import { mintToken } from "../domain/link-tokens.ts";
import { STALLED_AFTER_MS } from "../domain/partnership.ts";
import { ConflictError } from "../http/problems.ts";
import type { Intake } from "../schemas/intake.ts";
import { emails, officeOf } from "../web/emails.ts";
import type { Needs } from "./dependencies.ts";

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
  const { repository, clock, config } = deps;
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
  await repository.beginLedger({
    partnershipId,
    at,
    actor: "partner",
    type: "IntakeSubmitted",
    data: { stage: "SUBMITTED", intakeVersion: 1, intake: intake as unknown as Json },
  });

  // A status link per accepted request: the plain token exists only in this response and the email.
  const status = mintToken();
  await repository.putLink({
    tokenHash: status.hash,
    purpose: "status",
    partnershipId,
    expiresAt: new Date(now.getTime() + config.STATUS_LINK_TTL_DAYS * 86_400_000).toISOString(),
    singleUse: false,
  });
  const statusUrl = `${config.PUBLIC_BASE_URL}/status/${status.token}`;

  // Sent by one request at a time (a double click posts twice at once), and marked only once sent. The claim
  // is taken just before the send and given up if the send fails (it times out well inside the function's
  // time), so a retry sends it; only a request killed in between leaves it held, for a minute.
  const sends =
    !existing?.acknowledgedAt &&
    (await repository.claimAcknowledgement(
      partnershipId,
      at,
      new Date(now.getTime() - STALLED_AFTER_MS).toISOString(),
    ));
  if (sends) {
    const org = existing?.organisationName ?? intake.organisation.name;
    try {
      await deps.mailer.send(emails.acknowledgement(officeOf(config), intake.contact.email, org, statusUrl));
    } catch (error) {
      await repository.releaseAcknowledgement(partnershipId, at).catch(() => undefined);
      throw error;
    }
    await repository.markOnce(partnershipId, "acknowledged", at);
  }
  await deps.starter.start(partnershipId);
  return { partnershipId, statusUrl, created };
}
