/** Where a partnership's wrapped personal data key is kept in the table (kms-data-keys.ts). */

/** The key item's sort key: outside EVENT#…META, which a partnership's tail read spans. */
export const DATA_KEY_SK = "PERSONAL_DATA_KEY";
export const DATA_KEY_ITEM_TYPE = "data-key";

export const dataKeyOf = (partnershipId: string) => ({ pk: `PARTNERSHIP#${partnershipId}`, sk: DATA_KEY_SK });
