/** The schema as SQLite holds it, normalised, for the committed snapshot that catches drift. */
import type SQLite from 'better-sqlite3';
import { raw } from './query.ts';

export function schemaSnapshot(sqlite: SQLite.Database): string {
  // raw SQL: SQLite's own catalog, which the schema type (rightly) does not describe.
  const rows = raw.all<{ type: string; name: string; sql: string }>(
    sqlite,
    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
  );
  return `${rows.map((r) => `${r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()};`).join('\n')}\n`;
}
