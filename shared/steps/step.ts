/**
 * What a human step is: everything that varies by kind of step, in one descriptor (no CDK import). The
 * workflow's humanStep() builder, the generic open / show / decide handlers, the status page and the stack's
 * routes and settings all read it; a step's folder under shared/steps/ holds its descriptor, page, email and
 * schema.
 */
import type { AppConfig } from "../config/app-config.ts";
import type { Json } from "../domain/canonical-json.ts";
import type { LedgerEvent } from "../domain/ledger.ts";
import type { Decision, Partnership, Resubmission, SignedInAs } from "../domain/partnership.ts";
import type { EventType } from "../events/registry.ts";
import type { EmailMessage } from "../ports/mailer.ts";
import type { StoredDocumentDetails } from "../schemas/step-details.ts";
import type { FieldError } from "../schemas/validation.ts";
import type { SafeHtml } from "../web/html.ts";
import type { FormFields } from "../web/intake-form.ts";

/**
 * Who a step asks: an officer decides by link; the partner's contact answers by link; or the person who signs
 * for the organisation (the signatory, or whoever they delegated to) answers by link.
 */
export type Asked = "officer" | "partner" | "signatory";

/** Where one of a step's outcomes leads, and how the page and the used link speak of it. */
export interface StepOutcome {
  /** The state the workflow goes to next (a name from the workflow's CDK-free state module). */
  readonly next: string;
  /** The button that chooses it. */
  readonly label: string;
  /**
   * It ends the partnership (or marks it, as at risk): the page asks for one deliberate confirmation before it
   * decides.
   */
  readonly ends?: boolean;
  /** What that confirmation says the outcome does; by default, that it ends the onboarding for good. */
  readonly confirm?: string;
  /** What it says instead, when the ledger tells otherwise (a decline during an amendment ends nothing). */
  readonly confirmFor?: (view: StepView) => string | undefined;
  /** What the page says once it is decided, to the one who decided. */
  readonly done: string;
  /** What it adds from the ledger and the time of deciding, when it knows more (a renewal: the next review's day). */
  readonly doneDetail?: (view: StepView) => string | undefined;
  /** The outcome in the past tense, for a used link ("Approved: the partnership went on to vetting"). */
  readonly decided: string;
}

/** What a step's page and email are made from. */
export interface StepView {
  readonly partnership: Partnership;
  readonly decision: Decision;
  /** The partnership's ledger, in order. */
  readonly events: readonly LedgerEvent[];
  readonly config: AppConfig;
  /** The request's sender, on a POST. */
  readonly client?: ClientInfo | undefined;
  /** When the page is made. */
  readonly now?: Date | undefined;
  /**
   * On a POST of a step that takes uploads: the files sent with it that passed inspection, by their file
   * field, as they will be stored (a field whose file was refused is absent, and the POST fails with its error).
   */
  readonly uploads?: Readonly<Record<string, StoredDocumentDetails>> | undefined;
  /**
   * On an officer's step, the officer or lead whose staff session came with the request: the one who decides,
   * and whom the ledger names (decider.ts), rather than the officer the decision is assigned to.
   */
  readonly signedInAs?: SignedInAs | undefined;
}

/** What a step's emails are made from. */
export type MailView = StepView;

/** What choosing a step's assignee reads: the ledger says who declared a conflict, or who was delegated to. */
export type AssignView = Omit<StepView, "decision"> & {
  /** The step's inputs from the execution's state (HumanStep.inputs), when it is being opened. */
  readonly inputs?: Readonly<Record<string, unknown>>;
};

/** Who sent a POST, as the signature evidence records it. */
export interface ClientInfo {
  readonly ip: string;
  readonly userAgent: string;
}

/** The form as it is shown: its values, and the messages of a POST that failed. */
export interface FormState {
  readonly action: string;
  readonly values: FormFields;
  readonly errors: readonly FieldError[];
}

/** What a valid POST decides. */
export interface StepAnswer<O extends string = string> {
  readonly outcome: O;
  /** What the decider wrote; for an officer, the partner sees it. */
  readonly comment: string;
  /** A partner's corrected intake, applied as the next version once the decision is made. */
  readonly resubmission?: Resubmission | undefined;
  /** Data the workflow resumes with besides the outcome and the comment. */
  readonly output?: Readonly<Record<string, Json>>;
  /** What the decision's ledger event records besides the outcome and the comment (evidence, signatures). */
  readonly details?: Readonly<Record<string, Json>>;
}

export type ParsedAnswer<O extends string = string> =
  | { readonly ok: true; readonly answer: StepAnswer<O> }
  | { readonly ok: false; readonly errors: FieldError[] }
  /** Saved to come back to: the link stays open, and the page shows the draft again. */
  | { readonly ok: "draft"; readonly draft: Readonly<Record<string, Json>> };

/** A step's timeout: the deployment setting (cdk.json `partnerflow.<configKey>`, in days) and its default. */
export interface StepTimeout {
  readonly configKey: string;
  readonly defaultDays: number;
  readonly description: string;
}

export interface HumanStep<O extends string = string> {
  /** Stored on the decision; names the step in the registry. */
  readonly kind: string;
  /** The callback task's state name. */
  readonly state: string;
  readonly asked: Asked;
  /** The address the request goes to: the assigned officer's, the partner contact's or the signatory's. */
  readonly assignee: (view: AssignView) => string;
  /** The link's path; the link is `<base URL><linkPath>/<token>`. */
  readonly linkPath: `/${string}`;
  readonly timeout: StepTimeout;
  /**
   * Values from the execution's state that opening the step needs, by name, as JSONPath. `$.decision` is the
   * decision of the human step that led here (every step keeps its decision there: see DECISION_PATH).
   */
  readonly inputs?: Readonly<Record<string, string>>;
  readonly outcomes: Readonly<Record<O, StepOutcome>>;
  /** The ledger events of a request and a decision; by default the generic StepRequested / StepDecided. */
  readonly events?: { readonly requested: EventType; readonly decided: EventType };
  /**
   * What the step asks for, kept on the decision (the officer's question to the partner), from its inputs or
   * the ledger. The ledger where a step can follow itself (a conflict of interest, a delegation): the decision
   * that led to the repeat is not the one that asked.
   */
  readonly request?: (inputs: Readonly<Record<string, unknown>>, view: AssignView) => string | undefined;
  /** What the request's ledger event records besides the generic data (the checklist version it pins). */
  readonly requestDetails?: (view: AssignView) => Readonly<Record<string, Json>> | undefined;
  /** The email that asks for the step, with its link. */
  readonly email: (view: MailView & { readonly url: string }) => EmailMessage;
  /** The page the link opens: its title, and its body with the form. */
  readonly page: (view: StepView & { readonly form: FormState }) => { title: string; body: SafeHtml };
  /** The form's values when the page is first opened. */
  readonly initialValues: (view: StepView) => FormFields;
  /**
   * The page's file inputs (multipart/form-data), by field name, for the POST's view. A step that has them is
   * decided by the function that takes uploads (decide-upload-step), which alone carries the multipart parser,
   * the upload inspection and the evidence store; every other step's POST goes to decide-step.
   */
  readonly uploads?: (view: StepView) => readonly string[];
  /**
   * A document the step's link opens below it, for as long as the link is open: "evidence", the vetting
   * documents the ledger records (`<link>/documents/<sha256>`); "agreement", the agreement's PDF of the version
   * issued last (`<link>/agreement.pdf`). Served by show-documents, as a short-lived link to the evidence store.
   */
  readonly documents?: "evidence" | "agreement";
  /** Its answer depends on the ledger (the vetting so far, the agreement): the POST reads it for `parse`. */
  readonly readsLedger?: boolean;
  /** Reads a POST; field errors keep it on the page with the answers kept. */
  readonly parse: (fields: FormFields, view: StepView) => ParsedAnswer<O> | Promise<ParsedAnswer<O>>;
  /** What the partner's status page says while the step waits. */
  readonly waiting: (decision: Decision, config: AppConfig) => string;
  /** Sent to the one who decided once the decision is recorded (a partner's receipt), if anything. */
  readonly receipt?: (view: MailView & { readonly statusUrl: string }) => EmailMessage;
}

/**
 * A step's descriptor. Call it marked as a pure call (the `@__PURE__` annotation comment before it): the
 * bundler may then leave a descriptor, its page and its email out of a function that needs only the steps'
 * events (it cannot tell by itself that reading the state names' object has no side effect).
 */
export function defineStep<O extends string>(step: HumanStep<O>): HumanStep<O> {
  return step;
}
