/**
 * Every ledger event type: its data schema and its words. The one place the status page (and the auditor's
 * timeline) reads an event's words from; appending an event of a type not here does not compile (drafts
 * are made by eventDraft(), in draft.ts).
 */
import type * as z from "../schemas/zod.ts";
import { STEP_EVENTS } from "../steps/events.ts";
import { AGREEMENT_EVENTS_SPEC } from "./agreement-events.ts";
import { ATTENTION_EVENTS } from "./attention-events.ts";
import { CORE_EVENTS } from "./core-events.ts";
import type { EventSpec } from "./define.ts";
import { EMAIL_EVENTS } from "./email-events.ts";
import { LEAVING_EVENTS } from "./leaving-events.ts";
import { REMINDER_EVENTS } from "./reminder-events.ts";
import { REVIEW_EVENTS } from "./review-events.ts";

export const EVENTS = {
  ...CORE_EVENTS,
  ...STEP_EVENTS,
  ...AGREEMENT_EVENTS_SPEC,
  ...EMAIL_EVENTS,
  ...ATTENTION_EVENTS,
  ...REMINDER_EVENTS,
  ...REVIEW_EVENTS,
  ...LEAVING_EVENTS,
};

export type EventType = keyof typeof EVENTS;
export type EventData<T extends EventType> = z.infer<(typeof EVENTS)[T]["data"]>;

function specOf(type: string): EventSpec | undefined {
  return Object.hasOwn(EVENTS, type) ? (EVENTS[type as EventType] as EventSpec) : undefined;
}

/** The event in words for the auditor; an event whose data does not fit its schema is named as such. */
export function describeEvent(event: { type: string; data: unknown }): string {
  const spec = specOf(event.type);
  if (!spec) return `${event.type} (an event type this version does not know)`;
  const parsed = spec.data.safeParse(event.data);
  return parsed.success ? spec.describe(parsed.data) : `${event.type} (its data does not match its schema)`;
}

/** What the partner's status page says of the event, if anything. */
export function describeForPartner(event: { type: string; data: unknown }): string | undefined {
  const spec = specOf(event.type);
  if (!spec?.forPartner) return undefined;
  const parsed = spec.data.safeParse(event.data);
  return parsed.success ? spec.forPartner(parsed.data) : undefined;
}
