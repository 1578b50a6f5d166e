// TEMP until the standards branch is merged
import type SQLite from 'better-sqlite3';
export function checklistShares(_sqlite: SQLite.Database, _year: number): Map<number, number> {
  return new Map();
}
