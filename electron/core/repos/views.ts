import type SQLite from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/contract/errors.ts';
import type { SavedView } from '../../../shared/contract/types.ts';
import { build, first, all, run } from '../db/query.ts';
import type { SavedViewTable } from '../db/schema.ts';
import type { Connection } from '../db/connection.ts';

const toView = (r: Selectable<SavedViewTable>): SavedView => ({
  id: r.id,
  grid: r.grid,
  name: r.name,
  state: JSON.parse(r.state),
  updatedAt: r.updated_at,
  isDefault: r.is_default === 1,
});

export function listViews(sqlite: SQLite.Database, grid: string, actor: string): SavedView[] {
  return all(sqlite, build.selectFrom('saved_view').selectAll().where('grid', '=', grid).where('actor', '=', actor).orderBy('name')).map(toView);
}

/** Saves the view under its name; a view of that name already there takes the new state (its default mark stays). */
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

function ownView(sqlite: SQLite.Database, id: number, actor: string): Selectable<SavedViewTable> {
  const v = first(sqlite, build.selectFrom('saved_view').selectAll().where('id', '=', id).where('actor', '=', actor));
  if (!v) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的视图（可能已被删除），请刷新后重试。`);
  return v;
}

/** A new name for a view; one already taken by another view of the same grid is refused, changing nothing. */
export function renameView(sqlite: SQLite.Database, a: { id: number; actor: string; name: string; now: string }): SavedView {
  const v = ownView(sqlite, a.id, a.actor);
  const clash = first(sqlite, build.selectFrom('saved_view').select('id').where('grid', '=', v.grid).where('actor', '=', a.actor).where('name', '=', a.name).where('id', '!=', a.id));
  if (clash) throw new AppError('CONFLICT', `已有名为“${a.name}”的视图，请换一个名称。`, { name: a.name });
  run(sqlite, build.updateTable('saved_view').set({ name: a.name, updated_at: a.now }).where('id', '=', a.id));
  return toView(ownView(sqlite, a.id, a.actor));
}

/** Marks the view the page opens with (the grid's other views lose the mark); `isDefault: false` leaves the grid with none. */
export function setDefaultView(conn: Connection, a: { id: number; actor: string; isDefault: boolean }): SavedView {
  const { sqlite } = conn;
  const v = ownView(sqlite, a.id, a.actor);
  // Unmark first, then mark: the one-default index is checked row by row.
  conn.writeTransaction(() => {
    run(sqlite, build.updateTable('saved_view').set({ is_default: 0 }).where('grid', '=', v.grid).where('actor', '=', a.actor).where('is_default', '=', 1));
    if (a.isDefault) run(sqlite, build.updateTable('saved_view').set({ is_default: 1 }).where('id', '=', a.id));
  })();
  return toView(ownView(sqlite, a.id, a.actor));
}

export function deleteView(sqlite: SQLite.Database, id: number, actor: string): boolean {
  return run(sqlite, build.deleteFrom('saved_view').where('id', '=', id).where('actor', '=', actor)).changes > 0;
}
