/** A partnership ended before its time (issue 13): withdrawn by the partner, or terminated by the office lead. */
import type { Stage } from "./lifecycle.ts";
import type { PartnershipEnding } from "./partnership.ts";

/** The stage each ending moves to. */
export const ENDING_STAGE: Readonly<Record<PartnershipEnding, Stage>> = {
  withdrawn: "WITHDRAWN",
  terminated: "TERMINATED",
};

/**
 * How a partnership at `stage` was ended by a person, if it was: a workflow step still running then (its
 * execution stopped under it) leaves it as it is, and records nothing.
 */
export function endingOf(stage: Stage): PartnershipEnding | undefined {
  if (stage === "WITHDRAWN") return "withdrawn";
  if (stage === "TERMINATED") return "terminated";
  return undefined;
}
