/** The ports a service may need; each service asks for the subset it uses, each handler builds only that. */
import type { AppConfig } from "../config/app-config.ts";
import type { NeedsRegister } from "../config/needs-register.ts";
import type { Clock } from "../ports/clock.ts";
import type { EvidenceStore } from "../ports/evidence-store.ts";
import type { LinkVault } from "../ports/link-vault.ts";
import type { Mailer } from "../ports/mailer.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import type { ReviewSchedules } from "../ports/review-schedules.ts";
import type { RenewalStarter, TaskResumer, WorkflowStarter, WorkflowStopper } from "../ports/workflow.ts";
import type { WorkflowRetrier } from "../ports/workflow-retrier.ts";

export interface Dependencies {
  config: AppConfig;
  repository: PartnershipRepository;
  mailer: Mailer;
  starter: WorkflowStarter;
  resumer: TaskResumer;
  /** Starts vetting renewals (workflows/revetting). */
  renewals: RenewalStarter;
  clock: Clock;
  needsRegister: NeedsRegister;
  /** Documents: vetting evidence, agreement PDFs and certificates. */
  documents: EvidenceStore;
  /** Starts a failed workflow again at the state that failed (the lead's retry). */
  retrier: WorkflowRetrier;
  /** The decisions' link tokens, sealed, so that a reminder sends the same link (ports/link-vault.ts). */
  linkVault: LinkVault;
  /** The partnership's next periodic review (workflows/review), one pending one-time schedule. */
  reviewSchedules: ReviewSchedules;
  /** Stops an ended partnership's executions (withdrawal, termination). */
  stopper: WorkflowStopper;
}

export type Needs<K extends keyof Dependencies> = Pick<Dependencies, K>;
