/** The request bodies the API reads. Every route takes JSON unless it says otherwise (`@Accepts`). */
export const JSON_BODY = ['application/json'] as const;
/** `POST /v1/imports` alone: read as a stream, never buffered into one string. */
export const CSV_BODY = ['text/csv', 'application/csv'] as const;
/** What participant pages' forms post; RFC 8058 lets one-click unsubscribe use multipart as well. */
export const FORM_BODY = ['application/x-www-form-urlencoded'] as const;
export const ONE_CLICK_BODY = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;

/** Bodies are read as UTF-8: JSON has no other encoding (RFC 8259), and the CSV reader and forms neither. */
export const ACCEPTED_CHARSETS: readonly string[] = ['utf-8', 'utf8', 'us-ascii'];
