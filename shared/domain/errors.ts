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
export class LedgerConflictError extends DomainError {
  override readonly name = "LedgerConflictError";
}
export class ValidationError extends DomainError {
  override readonly name = "ValidationError";
}
