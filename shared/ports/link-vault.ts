/**
 * A decision's link token kept so that a reminder, or a step's task run again (open-step), can send the very same
 * link again (there is never a second live token for one decision). The token is stored only hashed for looking it up (LINK#<sha256>); this copy
 * is sealed under the partnership's personal data key, kept on the decision item, cleared when the decision is
 * made, replaced or closed, and gone with the key when the partnership's personal data is erased.
 */
export interface LinkVault {
  /** The token sealed for storing on the decision. */
  seal(partnershipId: string, token: string): Promise<string>;
  /** The token a sealed copy holds; undefined when it does not open (the key erased, or another partnership's). */
  open(partnershipId: string, sealed: string): Promise<string | undefined>;
}
