/**
 * The repository with each partnership's personal fields sealed at the edge (services/personal-data.ts): sealed
 * in what is written (the intake on META, the events owed and appended, decisions), before an event is chained,
 * so that the hash chain covers ciphertext and still verifies once the key is destroyed; opened in what is read.
 * Every other call goes to the inner repository as it is. Functions that only check the chain (the audit API's
 * verify, the checkpoints) use the inner repository alone, and never hold a key.
 */
import type { EventDraft, LedgerEvent } from "../domain/ledger.ts";
import type { Decision, Partnership } from "../domain/partnership.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import type { PartnershipRepository } from "../ports/partnership-repository.ts";
import { PersonalData } from "../services/personal-data.ts";

type Change = (text: string, label: string) => string;

export function sealedRepository<R extends PartnershipRepository>(inner: R, personal: PersonalData): R {
  const seal = (id: string) => personal.sealer(id);
  const open = (id: string) => personal.opener(id);
  const owed = (effects: PendingEffects, change: Change): PendingEffects => ({
    ...effects,
    events: effects.events.map((e) => PersonalData.event(e, change)),
  });
  const sealDrafts = async (drafts: readonly EventDraft[]) => {
    const byId = new Map<string, Change>();
    const out: EventDraft[] = [];
    for (const draft of drafts) {
      const change = byId.get(draft.partnershipId) ?? (await seal(draft.partnershipId));
      byId.set(draft.partnershipId, change);
      out.push(PersonalData.event(draft, change));
    }
    return out;
  };
  const openPartnership = async (p: Partnership | undefined) =>
    p && PersonalData.partnership(p, await open(p.id));
  const openEvents = async (id: string, events: LedgerEvent[]) => {
    if (events.length === 0) return events;
    const change = await open(id);
    return events.map((e) => PersonalData.event(e, change));
  };
  const openDecision = async (d: Decision | undefined) =>
    d && PersonalData.decision(d, await open(d.partnershipId));

  const overrides: Partial<PartnershipRepository> = {
    createPartnership: async (p) => inner.createPartnership(PersonalData.partnership(p, await seal(p.id))),
    getPartnership: async (id) => openPartnership(await inner.getPartnership(id)),
    getPartnershipWithTail: async (id, events) => {
      const { partnership, tail } = await inner.getPartnershipWithTail(id, events);
      return { partnership: await openPartnership(partnership), tail: await openEvents(id, tail) };
    },
    getPartnershipRecord: async (id) => {
      const record = await inner.getPartnershipRecord(id);
      if (!record) return undefined;
      const change = await open(id);
      return {
        partnership: PersonalData.partnership(record.partnership, change),
        events: record.events.map((e) => PersonalData.event(e, change)),
        decisions: record.decisions.map((d) => PersonalData.decision(d, change)),
      };
    },
    updateStage: async (id, from, to, at, pending) =>
      inner.updateStage(id, from, to, at, owed(pending, await seal(id))),
    saveAssessment: async (id, round, at, pending, move) =>
      inner.saveAssessment(id, round, at, owed(pending, await seal(id)), move),
    setPendingOnce: async (id, marker, at, slot, pending) =>
      inner.setPendingOnce(id, marker, at, slot, owed(pending, await seal(id))),
    applyIntakeVersion: async (id, intake, version, at, decisionId) =>
      inner.applyIntakeVersion(id, PersonalData.intake(intake, await seal(id)), version, at, decisionId),
    listStalledIntakes: async (from, before, limit) =>
      Promise.all((await inner.listStalledIntakes(from, before, limit)).map(openPartnership)) as Promise<
        Partnership[]
      >,
    listAtStage: async (stage, range) =>
      Promise.all((await inner.listAtStage(stage, range)).map(openPartnership)) as Promise<Partnership[]>,
    appendEvent: async (draft) => inner.appendEvent((await sealDrafts([draft]))[0] as EventDraft),
    appendEventIfBegun: async (draft) =>
      inner.appendEventIfBegun((await sealDrafts([draft]))[0] as EventDraft),
    appendEventsOnce: async (drafts, afterSeq, head) =>
      inner.appendEventsOnce(await sealDrafts(drafts), afterSeq, head),
    beginLedger: async (draft) => inner.beginLedger((await sealDrafts([draft]))[0] as EventDraft),
    listEvents: async (id) => openEvents(id, await inner.listEvents(id)),
    putDecision: async (d) => inner.putDecision(PersonalData.decision(d, await seal(d.partnershipId))),
    getDecision: async (id, decisionId) => openDecision(await inner.getDecision(id, decisionId)),
    getDecisionAndPartnership: async (id, decisionId, withHead) => {
      const read = await inner.getDecisionAndPartnership(id, decisionId, withHead);
      const change = await open(id);
      return {
        decision: read.decision && PersonalData.decision(read.decision, change),
        partnership: read.partnership && PersonalData.partnership(read.partnership, change),
        head: read.head && PersonalData.event(read.head, change),
      };
    },
    listOpenDecisionsDueBefore: async (before, limit, cursor) => {
      const page = await inner.listOpenDecisionsDueBefore(before, limit, cursor);
      return { ...page, decisions: (await Promise.all(page.decisions.map(openDecision))) as Decision[] };
    },
    listUnresumedDecisions: async (limit) =>
      Promise.all((await inner.listUnresumedDecisions(limit)).map(openDecision)) as Promise<Decision[]>,
    closeDecision: async (decision, result) => {
      // What a decision's result may hold of a person is the same whatever its kind (its assignee is not in it).
      const { kind: _kind, ...sealed } = PersonalData.decision(
        { ...result, kind: "" },
        await seal(decision.partnershipId),
      );
      return inner.closeDecision(decision, sealed);
    },
  };

  return new Proxy(inner, {
    get(target, property) {
      if (typeof property === "string" && Object.hasOwn(overrides, property))
        return overrides[property as keyof PartnershipRepository];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
