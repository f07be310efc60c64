/**
 * The decisions' link tokens sealed with each partnership's personal data key (services/personal-data.ts), in a
 * field of their own ("linkToken": a sealed value moved to another field or partnership does not open).
 * Opened only where a link is sent again: a reminder (functions/send-reminders), and open-step run again for a
 * decision it opened (a replay, or a retry of its task), which keeps the link; every other function reads the
 * ciphertext.
 */
import { ERASED } from "../domain/personal-fields.ts";
import type { LinkVault } from "../ports/link-vault.ts";
import type { PersonalData } from "../services/personal-data.ts";

const LABEL = "linkToken";

export function sealedLinkVault(personal: PersonalData): LinkVault {
  return {
    async seal(partnershipId, token) {
      return (await personal.sealer(partnershipId))(token, LABEL);
    },
    async open(partnershipId, sealed) {
      const token = (await personal.opener(partnershipId))(sealed, LABEL);
      // Nothing sealed opens as itself: a value that did not open (erased) is no token.
      return token === ERASED || token === sealed ? undefined : token;
    },
  };
}

/**
 * Where the handler tests turn sealing off (PERSONAL_DATA_KEYS=none): the token kept as it is, marked so.
 * Never where a function has a key.
 */
export const unsealedLinkVault: LinkVault = {
  async seal(_partnershipId, token) {
    return `unsealed:${token}`;
  },
  async open(_partnershipId, sealed) {
    return sealed.startsWith("unsealed:") ? sealed.slice("unsealed:".length) : undefined;
  },
};
