/** Named domain errors: part of the contract. Step Functions catches them by name, handlers map them to HTTP. */

export abstract class DomainError extends Error {
  /**
   * Spelled out in each class rather than taken from the class: the Lambda bundles are minified, which
   * renames classes, and Step Functions would no longer recognise the errors it catches.
   */
  abstract override readonly name: string;
}

export class IllegalTransitionError extends DomainError {
  override readonly name = "IllegalTransitionError";
}
export class PartnershipNotFoundError extends DomainError {
  override readonly name = "PartnershipNotFoundError";
}
export class LinkNotFoundError extends DomainError {
  override readonly name = "LinkNotFoundError";
}
export class LinkExpiredError extends DomainError {
  override readonly name = "LinkExpiredError";
}
/** What a used link can say of the decision it made, for the page that answers it. */
export interface UsedLinkDecision {
  kind: string;
  outcome?: string | undefined;
  decidedAt?: string | undefined;
  decidedBy?: string | undefined;
}

export class LinkUsedError extends DomainError {
  override readonly name = "LinkUsedError";
  constructor(message: string, options?: ErrorOptions & { decided?: UsedLinkDecision | undefined }) {
    super(message, options);
    this.decided = options?.decided;
  }
  /** The decision the link made, when it is known. */
  readonly decided: UsedLinkDecision | undefined;
}
/**
 * A repeated step sent a newer link for the same decision, or its officer opened it from the staff inbox (which
 * makes a new link); only the newest one works.
 */
export class LinkReplacedError extends DomainError {
  override readonly name = "LinkReplacedError";
  constructor(message: string, options?: ErrorOptions & { fromInbox?: boolean }) {
    super(message, options);
    this.fromInbox = options?.fromInbox === true;
  }
  /** The link was replaced from the staff inbox: the decision is decided there, no newer email was sent. */
  readonly fromInbox: boolean;
}
/**
 * A decision's link whose partnership ended before it was answered (withdrawn by the partner, terminated by the
 * lead): it says so, and on which day.
 */
export class LinkClosedError extends DomainError {
  override readonly name = "LinkClosedError";
  constructor(
    message: string,
    readonly closed: { readonly because: "withdrawn" | "terminated"; readonly at: string },
  ) {
    super(message);
  }
}
export class LedgerConflictError extends DomainError {
  override readonly name = "LedgerConflictError";
}
export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
}
/** No officer may decide a step: every officer and the lead declared a conflict of interest, or is excluded. */
export class NoOfficerAvailableError extends DomainError {
  override readonly name = "NoOfficerAvailableError";
}
