/**
 * Undoing an import of records as a whole, inside the caller's transaction. Values it wrote
 * go back to what they were (a cell changed again since is left, and named); records it added
 * go away for good when nothing has edited or used them since (the audit keeps what each
 * held), else they stay, with their values, and the undo says so. The revert is one change
 * set, recorded as the undo of the import's.
 */
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { recordField, recordTableNames, recordTables, type RecordTable } from '../../../../../shared/domain/records.ts';
import { editedSince, type ChangeSetRecord } from '../../../repos/audit.ts';
import { getStoredRecord, recordSpecs } from '../../../repos/records.ts';
import { recordUses, removeRecord } from '../../../repos/returns.ts';
import type { ServiceContext } from '../../context.ts';
import { applyRecordEdits, storedValue, type RecordChange } from '../../records/edit.ts';
import { recordsByIds } from '../../records/list.ts';

/** The record table an audit entity is, if it is one. */
export function recordTableOf(entity: string): RecordTable | undefined {
  return recordTableNames.find((t) => recordSpecs[t].sqlTable === entity);
}

/** What a cell shows now, as the audit log records it: a kept invalid value as {invalid: raw}. */
function shownNow(row: Record<string, unknown>, table: RecordTable, field: string): unknown {
  const invalid = row.invalid_json ? (JSON.parse(row.invalid_json as string) as Record<string, { raw: string }>)[field] : undefined;
  return invalid ? { invalid: invalid.raw } : storedValue(row, table, recordField(table, field)!);
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** How a person finds a record in the undo's messages: its leader and branch, a project's or problem's own words. */
function nameOf(ctx: ServiceContext, table: RecordTable, id: number, year: number): string {
  const v = recordsByIds(ctx, table, year, [id])[0]?.values ?? {};
  const parts = [v.leaderName, v.branchName ?? v.unitName, v.visitedOn, v.name, v.description, v.stage].filter((x) => x !== null && x !== undefined && x !== '');
  return `${recordTables[table].noun}“${parts.map(String).join(' ').slice(0, 40) || `第 ${id} 条`}”`;
}

export function undoRecordsImport(ctx: ServiceContext, changeSetId: string, records: readonly ChangeSetRecord[], fileName: string, year: number): { problems: string[]; removed: string[]; tables: Set<RecordTable> } {
  const { sqlite } = ctx.conn;
  const newest = records[0]?.id ?? 0;
  const problems: string[] = [];
  const removed: string[] = [];
  const tables = new Set<RecordTable>();
  const cs = ctx.audit.begin('undo', `撤销导入“${fileName}”`, { undoOf: changeSetId });

  // Records it added (newest first: a point's work records before the point), gone unless used since.
  const added = new Set<string>();
  for (const r of records.filter((x) => x.op === 'insert')) {
    const table = recordTableOf(r.entity)!;
    added.add(`${r.entity}:${r.row_id}`);
    const row = getStoredRecord(sqlite, table, r.row_id!);
    if (!row) continue;
    const name = nameOf(ctx, table, r.row_id!, year);
    if (editedSince(sqlite, r.entity, r.row_id!, newest, changeSetId) || recordUses(sqlite, r.entity, r.row_id!) > 0) {
      problems.push(`${name}：这次导入新增的记录此后已被修改或使用，未移除，它的值保持不变。`);
      continue;
    }
    cs.record(r.entity, r.row_id!, row.uid as string, null, 'delete', row, { removed: true });
    removeRecord(sqlite, r.entity, r.row_id!);
    removed.push(name);
    tables.add(table);
  }

  // Values it wrote, back as they were: a cell changed again since is left as it is, and named.
  const changes = new Map<RecordTable, RecordChange[]>();
  for (const r of records.filter((x) => x.op === 'update' && x.field && !added.has(`${x.entity}:${x.row_id}`))) {
    const table = recordTableOf(r.entity)!;
    const row = getStoredRecord(sqlite, table, r.row_id!);
    const def = recordField(table, r.field!);
    if (!row || !def) {
      problems.push(`${recordTables[table].noun}第 ${r.row_id} 条：已不存在，未撤销。`);
      continue;
    }
    if (JSON.stringify(shownNow(row, table, def.field) ?? null) !== JSON.stringify(parse(r.new_value))) {
      problems.push(`${nameOf(ctx, table, r.row_id!, year)}：${def.label}在此之后又被修改过，未撤销，以免覆盖。`);
      continue;
    }
    const old = parse(r.old_value);
    const value = typeof old === 'object' && old !== null && 'invalid' in old ? String((old as { invalid: string }).invalid) : (old as CellValue);
    (changes.get(table) ?? changes.set(table, []).get(table)!).push({ id: r.row_id!, field: def.field, value });
  }
  for (const [table, list] of changes) {
    const edited = applyRecordEdits(ctx, table, year, list, { source: 'undo', summary: `撤销导入“${fileName}”`, changeSet: cs, problems: [] });
    for (const p of edited.problems.filter((x) => !x.kept)) problems.push(`${nameOf(ctx, table, p.id, year)}：${p.message}`);
    tables.add(table);
  }
  for (const table of tables) ctx.events.emit('data.changed', { entity: recordSpecs[table].sqlTable });
  return { problems, removed, tables };
}
