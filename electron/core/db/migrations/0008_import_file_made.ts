/**
 * 0008: when the file an import read was made (its 填报日期, else its saved time), kept with the
 * import. A value an import wrote is as new as its file, not as its commit: a second hand-made
 * return of the same 填报日期 is compared with it as a plain change, not as an older file
 * reverting a newer value (services/import/held.ts).
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
ALTER TABLE import_batch ADD COLUMN file_made_at TEXT;
`;
