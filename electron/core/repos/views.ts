import type SQLite from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { SavedView } from '../../../shared/contract/types.ts';
import { build, first, all, run } from '../db/query.ts';
import type { SavedViewTable } from '../db/schema.ts';

const toView = (r: Selectable<SavedViewTable>): SavedView => ({ id: r.id, grid: r.grid, name: r.name, state: JSON.parse(r.state), updatedAt: r.updated_at });

export function listViews(sqlite: SQLite.Database, grid: string, actor: string): SavedView[] {
  return all(sqlite, build.selectFrom('saved_view').selectAll().where('grid', '=', grid).where('actor', '=', actor).orderBy('name')).map(toView);
}

export function saveView(sqlite: SQLite.Database, v: { grid: string; actor: string; name: string; state: unknown; now: string }): SavedView {
  run(
    sqlite,
    build
      .insertInto('saved_view')
      .values({ grid: v.grid, actor: v.actor, name: v.name, state: JSON.stringify(v.state), updated_at: v.now })
      .onConflict((oc) =>
        oc.columns(['grid', 'actor', 'name']).doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), updated_at: eb.ref('excluded.updated_at') })),
      ),
  );
  const saved = first(sqlite, build.selectFrom('saved_view').selectAll().where('grid', '=', v.grid).where('actor', '=', v.actor).where('name', '=', v.name));
  return toView(saved!);
}

export function deleteView(sqlite: SQLite.Database, id: number, actor: string): boolean {
  return run(sqlite, build.deleteFrom('saved_view').where('id', '=', id).where('actor', '=', actor)).changes > 0;
}
