import type SQLite from 'better-sqlite3';
import type { SavedView } from '../../../shared/contract/types.ts';

interface Row {
  id: number;
  grid: string;
  name: string;
  state: string;
  updated_at: string;
}

const toView = (r: Row): SavedView => ({ id: r.id, grid: r.grid, name: r.name, state: JSON.parse(r.state), updatedAt: r.updated_at });

export function listViews(sqlite: SQLite.Database, grid: string, actor: string): SavedView[] {
  return (sqlite.prepare('SELECT * FROM saved_view WHERE grid = ? AND actor = ? ORDER BY name').all(grid, actor) as Row[]).map(toView);
}

export function saveView(sqlite: SQLite.Database, v: { grid: string; actor: string; name: string; state: unknown; now: string }): SavedView {
  sqlite
    .prepare(
      `INSERT INTO saved_view (grid, actor, name, state, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (grid, actor, name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    )
    .run(v.grid, v.actor, v.name, JSON.stringify(v.state), v.now);
  return toView(sqlite.prepare('SELECT * FROM saved_view WHERE grid = ? AND actor = ? AND name = ?').get(v.grid, v.actor, v.name) as Row);
}

export function deleteView(sqlite: SQLite.Database, id: number, actor: string): boolean {
  return sqlite.prepare('DELETE FROM saved_view WHERE id = ? AND actor = ?').run(id, actor).changes > 0;
}
