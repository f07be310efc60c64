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
export class LinkUsedError extends DomainError {
  override readonly name = "LinkUsedError";
}
/** A repeated step sent a newer link for the same decision; only the newest one works. */
export class LinkReplacedError extends DomainError {
  override readonly name = "LinkReplacedError";
}
export class LedgerConflictError extends DomainError {
  override readonly name = "LedgerConflictError";
}
export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
}
