/**
 * Making a ledger event to append, its type and data checked against the registry by the compiler. Apart from
 * the registry, whose schemas and words only readers need: a step that writes events carries none of them.
 */
import type { Json } from "../domain/canonical-json.ts";
import type { EventDraft } from "../domain/ledger.ts";
import type { EventData, EventType } from "./registry.ts";

/** Who did it and when, and in which workflow state, for an event about to be appended. */
export interface EventOrigin {
  partnershipId: string;
  at: string;
  /** `partner`, `officer:<email>`, `system:<what>`. */
  actor: string;
  /** The workflow state that produced it, when there is one. */
  step?: string | undefined;
}

/** An event to append, its data checked against its type's schema by the compiler. */
export function eventDraft<T extends EventType>(
  type: T,
  origin: EventOrigin,
  data: EventData<T>,
): EventDraft {
  return { ...origin, type, data: data as unknown as { [key: string]: Json } };
}
