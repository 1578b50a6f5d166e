/** The schema as SQLite holds it, normalised, for the committed snapshot that catches drift. */
import type SQLite from 'better-sqlite3';

export function schemaSnapshot(sqlite: SQLite.Database): string {
  const rows = sqlite
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name",
    )
    .all() as { type: string; name: string; sql: string }[];
  return `${rows.map((r) => `${r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()};`).join('\n')}\n`;
}
