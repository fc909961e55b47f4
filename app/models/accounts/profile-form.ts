/** Limits and field names the profile form shares with the server (no server code: the page imports it). */
export const NAME_MAX = 100;
export const BIO_MAX = 500;
/** The region picker's field name (selects region_1 … region_4). */
export const REGION_FIELD = "region";
