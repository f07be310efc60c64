/**
 * The officer's inbox: the open decisions of officers' steps, those assigned to the signed-in officer first
 * ("yours") and then the office's others, each group overdue first and then by due date. Reading it changes
 * nothing. A decision of yours opens from its row (open-decision, services/open-decision.ts: a new link to the
 * step's page, replacing the emailed one, recorded as DecisionLinkReissued) and is decided there, as from its
 * email; the office's others are listed to be seen, not opened.
 */
import type { Decision } from "../domain/partnership.ts";
import type { Principal } from "../domain/staff.ts";
import type { Needs } from "./dependencies.ts";

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
}

export interface Inbox {
  readonly mine: readonly InboxRow[];
  readonly office: readonly InboxRow[];
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

export async function inboxOf(
  deps: Needs<"repository" | "clock" | "config">,
  principal: Principal,
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
  for (const id of new Set(decisions.map((d) => d.partnershipId))) {
    const partnership = await deps.repository.getPartnership(id);
    names.set(id, partnership?.intake.organisation.name ?? id);
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
    }),
  );
  const me = principal.email.toLowerCase();
  return {
    mine: rows.filter((r) => r.assignee.toLowerCase() === me).sort(inboxOrder),
    office: rows.filter((r) => r.assignee.toLowerCase() !== me).sort(inboxOrder),
  };
}
