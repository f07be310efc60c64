/** What the application needs from storage; DynamoDB implements it on AWS and locally. */

import type { PartnerSummary } from "../domain/assessment.ts";
import type { Assessment } from "../domain/assessment-types.ts";
import type { EventDraft, LedgerEvent } from "../domain/ledger.ts";
import type { Stage } from "../domain/lifecycle.ts";
import type { Decision, Link, Partnership } from "../domain/partnership.ts";
import type { Intake } from "../schemas/intake.ts";

export interface IdempotencyRecord {
  key: string;
  partnershipId: string;
  requestHash: string;
  createdAt: string;
}

export interface PartnershipRepository {
  /** Claims the idempotency key for a new partnership id; returns the existing claim if there is one. */
  claimIdempotencyKey(record: IdempotencyRecord, expiresAt: Date): Promise<IdempotencyRecord>;
  /** Creates the partnership unless it exists; true when this call created it. */
  createPartnership(partnership: Partnership): Promise<boolean>;
  getPartnership(id: string): Promise<Partnership | undefined>;
  /** Partnerships that could overlap or duplicate this organisation (by stage, name and domain). */
  findPartnerSummaries(match: {
    normalisedName: string;
    webDomain?: string | undefined;
  }): Promise<PartnerSummary[]>;
  /** Moves the stage only if it is still `from` (and ends any wait); false when someone else moved it first. */
  updateStage(id: string, from: Stage, to: Stage, at: string): Promise<boolean>;
  saveAssessment(id: string, assessment: Assessment, round: number, at: string): Promise<void>;
  replaceIntake(id: string, intake: Intake, expectedVersion: number, at: string): Promise<void>;
  setWaitingFor(id: string, waitingFor: Partnership["waitingFor"], at: string): Promise<void>;
  /** Sets a once-only marker (e.g. acknowledgement sent); true for the caller that set it. */
  markOnce(id: string, marker: string, at: string): Promise<boolean>;
  /** Appends to the hash chain; retries on a concurrent writer. */
  appendEvent(draft: EventDraft): Promise<LedgerEvent>;
  listEvents(id: string): Promise<LedgerEvent[]>;
  putLink(link: Link): Promise<void>;
  getLink(tokenHash: string): Promise<Link | undefined>;
  putDecision(decision: Decision): Promise<void>;
  getDecision(partnershipId: string, decisionId: string): Promise<Decision | undefined>;
  /** Closes an open decision; exactly one caller wins, the others get LinkUsedError. */
  closeDecision(
    decision: Pick<Decision, "partnershipId" | "decisionId" | "linkTokenHash">,
    result: { outcome: string; comment: string; decidedAt: string; decidedBy: string },
  ): Promise<void>;
}
