/** What a person reads for each stage; the code stays in pages as data-stage, for scripts and tests. */
import type { Stage } from "../domain/lifecycle.ts";

export const STAGE_NAMES: Record<Stage, string> = {
  SUBMITTED: "Submitted",
  ASSESSING: "Needs assessment",
  VETTING: "Vetting",
  CONFIRMING_AUTHORITY: "Confirming authority",
  SIGNING: "Signing the agreement",
  ACTIVE: "Active",
  IN_REVIEW: "In review",
  NEEDS_ATTENTION: "Needs attention",
  TERMINATED: "Terminated",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
};

export const stageName = (code: string): string => STAGE_NAMES[code as Stage] ?? code;
