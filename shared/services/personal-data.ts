/**
 * Seals the personal fields of what is about to be stored, and opens them in what was read, with the
 * partnership's data key (ports/personal-data-keys.ts). A field that does not open (its key destroyed by an
 * erasure) reads as ERASED; after an erasure, a personal field about to be stored is stored as ERASED.
 */
import { type FieldCipher, fieldCipher } from "../domain/field-cipher.ts";
import type { EventDraft, LedgerEvent } from "../domain/ledger.ts";
import type { Decision, Partnership } from "../domain/partnership.ts";
import type { PendingEffects } from "../domain/pending-effects.ts";
import {
  decisionPersonalFields,
  ERASED,
  eventPersonalFields,
  INTAKE_PERSONAL_FIELDS,
  mapActor,
  mapPersonal,
  type PersonalField,
} from "../domain/personal-fields.ts";
import type { DataKey, PersonalDataKeys } from "../ports/personal-data-keys.ts";
import type { Intake } from "../schemas/intake.ts";

/** What a partnership's fields are changed with: sealing, or opening. */
type Change = (text: string, label: string) => string;

const INTAKE_FIELDS: PersonalField[] = INTAKE_PERSONAL_FIELDS.map((f) => ({
  path: ["intake", ...f.path],
  label: f.label,
}));

const eventFields = (data: EventDraft["data"]): PersonalField[] =>
  eventPersonalFields(data).map((f) => ({ path: ["data", ...f.path], label: f.label }));

export class PersonalData {
  constructor(private readonly keys: PersonalDataKeys) {}

  /** How to seal this partnership's fields (making its key on first use). */
  async sealer(partnershipId: string): Promise<Change> {
    return sealWith(partnershipId, await this.keys.keyFor(partnershipId));
  }

  /** How to open this partnership's fields: as they are when it never had a key, ERASED once it is gone. */
  async opener(partnershipId: string): Promise<Change> {
    const key = await this.keys.existingKey(partnershipId);
    if (!key) return (text) => text;
    if ("erasedAt" in key) return () => ERASED;
    const cipher = fieldCipher(partnershipId, key.key);
    return (text, label) => cipher.open(text, label) ?? ERASED;
  }

  static intake(intake: Intake, change: Change): Intake {
    return mapPersonal(intake, INTAKE_PERSONAL_FIELDS, change);
  }

  /** The intake, and the events of the effects it owes (stored before they are appended). */
  static partnership(p: Partnership, change: Change): Partnership {
    const out = mapPersonal(p, INTAKE_FIELDS, change);
    const owed = (effects: PendingEffects) => ({
      ...effects,
      events: effects.events.map((e) => PersonalData.event(e, change)),
    });
    return {
      ...out,
      ...(p.pending ? { pending: owed(p.pending) } : {}),
      ...(p.failurePending ? { failurePending: owed(p.failurePending) } : {}),
    };
  }

  /** Its data's personal fields, and its actor when that is a person's email (the signatory's). */
  static event<E extends EventDraft | LedgerEvent>(event: E, change: Change): E {
    const out = mapPersonal(event, eventFields(event.data), change);
    const actor = mapActor(event.actor, change);
    return actor === event.actor ? out : { ...out, actor };
  }

  static decision<D extends Pick<Decision, "kind"> & { decidedBy?: string | undefined }>(
    decision: D,
    change: Change,
  ): D {
    const out = mapPersonal(decision, decisionPersonalFields(decision), change);
    const decidedBy = decision.decidedBy === undefined ? undefined : mapActor(decision.decidedBy, change);
    return decidedBy === decision.decidedBy ? out : { ...out, decidedBy };
  }
}

function sealWith(partnershipId: string, key: DataKey): Change {
  if ("erasedAt" in key) return () => ERASED;
  const cipher: FieldCipher = fieldCipher(partnershipId, key.key);
  return (text, label) => cipher.seal(text, label);
}
