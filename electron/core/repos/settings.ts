import type SQLite from 'better-sqlite3';

export function getSetting<T>(sqlite: SQLite.Database, key: string, fallback: T): T {
  const row = sqlite.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(sqlite: SQLite.Database, key: string, value: unknown): void {
  sqlite.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
