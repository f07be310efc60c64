/**
 * The officer's inbox: the open decisions of officers' steps, those assigned to the signed-in officer first
 * ("yours") and then the office's others, each group overdue first and then by due date. Reading it changes
 * nothing. A decision of yours opens from its row (open-decision, services/open-decision.ts: a new link to the
 * step's page, replacing the emailed one, recorded as DecisionLinkReissued) and is decided there, as from its
 * email; the office's others are listed to be seen, not opened, but by the lead once one is escalated.
 */
import type { Stage } from "../domain/lifecycle.ts";
import { conflictedOfficers } from "../domain/officers.ts";
import type { Decision } from "../domain/partnership.ts";
import { hasAnyRole, type Principal } from "../domain/staff.ts";
import type { AslGraph } from "../domain/workflow-asl.ts";
import type { Needs } from "./dependencies.ts";
import { canRetry, failureToRetry } from "./retry-workflow.ts";

/** How many open decisions the inbox reads at most (soonest due first). */
export const INBOX_LIMIT = 200;

export interface InboxRow {
  readonly partnershipId: string;
  readonly decisionId: string;
  readonly partnershipName: string;
  readonly kind: string;
  readonly assignee: string;
  readonly dueAt: string;
  readonly overdue: boolean;
  /**
   * Past the link's expiry (a step's link expires when it times out, after its reminders and escalation): it
   * can no longer be decided, and the workflow's timeout takes the step's escalation or expiry branch.
   */
  readonly expired: boolean;
  /** Escalated to the lead after its reminders: the lead may open it too (open-decision.ts). */
  readonly escalated: boolean;
  /** The one signed in declared a conflict of interest with this partner: they may not decide it. */
  readonly conflicted: boolean;
}

/** A partnership whose workflow failed (NEEDS_ATTENTION), for the lead: where it stopped, and why. */
export interface AttentionRow {
  readonly partnershipId: string;
  readonly partnershipName: string;
  /** The stage it left; undefined when no failure names it (a failure recorded before issue 13). */
  readonly from: Stage | undefined;
  readonly workflow: string | undefined;
  /** The state that failed, when recorded. */
  readonly state: string | undefined;
  readonly error: string;
  /** What is safe to show of the error's cause (shared/domain/failure-cause.ts); may be empty. */
  readonly cause: string;
  /** When it failed (the partnership's last update when no failure is recorded). */
  readonly failedAt: string;
  /** Whether the retry can resume it (its workflow is known and resumes at that state); otherwise terminate. */
  readonly retryable: boolean;
}

export interface Inbox {
  /** The lead's alone: partnerships that need attention, the longest waiting first. */
  readonly attention: readonly AttentionRow[];
  readonly mine: readonly InboxRow[];
  readonly office: readonly InboxRow[];
}

/**
 * The partnerships in NEEDS_ATTENTION (the stage index), each with the failure that moved it there, from its
 * ledger; the longest waiting first.
 */
export async function needingAttention(
  deps: Needs<"repository">,
  graphs: Readonly<Record<string, AslGraph>>,
): Promise<AttentionRow[]> {
  const partnerships = await deps.repository.listAtStage("NEEDS_ATTENTION");
  const rows: AttentionRow[] = [];
  for (const p of partnerships) {
    const failure = failureToRetry(await deps.repository.listEvents(p.id));
    rows.push({
      partnershipId: p.id,
      partnershipName: p.intake.organisation.name,
      from: failure?.from,
      workflow: failure?.workflow,
      state: failure?.state,
      error: failure?.error ?? "not recorded",
      cause: failure?.cause ?? "",
      failedAt: failure?.at ?? p.updatedAt,
      retryable: canRetry(failure, graphs),
    });
  }
  return rows.sort((a, b) => (a.failedAt < b.failedAt ? -1 : a.failedAt > b.failedAt ? 1 : 0));
}

/** Overdue first (the most overdue first), then by due date, soonest first. */
export function inboxOrder(a: InboxRow, b: InboxRow): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0;
}

/** Whether a decision waits on the office (an officer's or the lead's), not on the partner or signatory. */
function isOffice(decision: Decision, office: ReadonlySet<string>): boolean {
  return office.has(decision.assignee.toLowerCase());
}

/** The inbox; `graphs` (the workflows' shapes) say which failures the lead can retry. */
export async function inboxOf(
  deps: Needs<"repository" | "clock" | "config">,
  principal: Principal,
  graphs: Readonly<Record<string, AslGraph>> = {},
): Promise<Inbox> {
  const now = deps.clock.now().toISOString();
  const { config } = deps;
  const office = new Set(
    [...config.OFFICER_EMAILS, config.LEAD_EMAIL ?? "", principal.email]
      .map((address) => address.trim().toLowerCase())
      .filter((address) => address.length > 0),
  );
  const decisions = (await deps.repository.listOpenDecisions(INBOX_LIMIT)).filter((d) => isOffice(d, office));
  const names = new Map<string, string>();
  // Where the lead could open an escalated step, the ledger too (in the same read): whom it records as conflicted.
  const me = principal.email.toLowerCase();
  const escalated = hasAnyRole(principal, ["lead"])
    ? new Set(decisions.filter((d) => d.escalatedAt).map((d) => d.partnershipId))
    : new Set<string>();
  const conflicted = new Set<string>();
  for (const id of new Set(decisions.map((d) => d.partnershipId))) {
    const record = escalated.has(id) ? await deps.repository.getPartnershipRecord(id) : undefined;
    const partnership = record?.partnership ?? (await deps.repository.getPartnership(id));
    names.set(id, partnership?.intake.organisation.name ?? id);
    if (record && conflictedOfficers(record.events).has(me)) conflicted.add(id);
  }
  const rows = decisions.map(
    (d): InboxRow => ({
      partnershipId: d.partnershipId,
      decisionId: d.decisionId,
      partnershipName: names.get(d.partnershipId) ?? d.partnershipId,
      kind: d.kind,
      assignee: d.assignee,
      dueAt: d.dueAt,
      overdue: d.dueAt < now,
      expired: d.expiresAt <= now,
      escalated: d.escalatedAt !== undefined,
      conflicted: conflicted.has(d.partnershipId),
    }),
  );
  return {
    attention: hasAnyRole(principal, ["lead"]) ? await needingAttention(deps, graphs) : [],
    mine: rows.filter((r) => r.assignee.toLowerCase() === me).sort(inboxOrder),
    office: rows.filter((r) => r.assignee.toLowerCase() !== me).sort(inboxOrder),
  };
}
