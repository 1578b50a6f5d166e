/**
 * A returned file of records committed: exactly what the preview's summary says
 * (shared/domain/importPlan.ts), in one write transaction and one change set naming the
 * file, each value with its file's cell in the audit. Cells go through the records' one write
 * path (records/edit.ts: parsed, a value not understood kept red, a cell changed here since
 * the comparison not overwritten); new records through records.add's (records/add.ts: refs
 * and rules checked again). What is refused at the commit is said by its cell.
 */
import { randomUUID } from 'node:crypto';
import type { ImportCommitResult, ImportDecisions, ImportProblemView, ImportRowView } from '../../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { choicesOf, importPlan, newRowFills } from '../../../../../shared/domain/importPlan.ts';
import type { RecordTable } from '../../../../../shared/domain/records.ts';
import { recordSpecs } from '../../../repos/records.ts';
import type { ServiceContext } from '../../context.ts';
import { insertRecords, type NewRecord } from '../../records/add.ts';
import { applyRecordEdits, type RecordChange } from '../../records/edit.ts';
import { recordBatch } from '../batch.ts';
import type { RecordsSession } from '../sessions.ts';
import type { ChangeSet } from '../../../repos/audit.ts';
import { newRecordsOf, type SheetReturn } from './analyse.ts';

/** A record to add, and the row of the file it comes from (a new row, or a stage's cells of a known branch). */
interface Addition {
  table: RecordTable;
  record: NewRecord;
  row: ImportRowView;
}

export function commitReturn(ctx: ServiceContext, session: RecordsSession, decisions: ImportDecisions = {}): ImportCommitResult {
  const { preview } = session;
  const plan = importPlan(preview.rows, choicesOf(decisions, preview.sheet), newRowFills(preview.sheets));
  const sheetOf = new Map<string, SheetReturn>(session.sheets.map((s) => [s.sheet.raw.name, s]));
  const now = ctx.now().toISOString();
  const batchId = randomUUID();
  const summary = `导入“${preview.file.name}”`;

  const result = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('import', summary, { file: { name: preview.file.name, hash: preview.file.hash } });
    const edits = new Map<RecordTable, RecordChange[]>();
    /** Each edited cell's file row and field, to tell what is refused by its cell. */
    const editedFrom = new Map<string, { row: ImportRowView; field: string }>();
    const additions: Addition[] = [];
    for (const { row, cells, values } of plan.rows) {
      const sheet = sheetOf.get(row.sheet)!;
      // Where each value came from: the file's cell, or a person's correction of it in the preview.
      const from = (field: string) => `${row.sheet}!${sheet.cellOf(row.sourceRow, field)}${row.corrected?.includes(field) ? '（导入核对时改正）' : ''}`;
      const rowFrom = `${row.sheet}!${sheet.keyCell(row.sourceRow)}`;
      if (row.record) {
        const held = sheet.heldOf.get(row.sourceRow)!;
        /** Cells of stages the branch has no record of yet: each stage's record is added with them. */
        const stages = new Map<string, Record<string, CellValue>>();
        for (const d of cells) {
          const slot = held.slots.get(d.field)!;
          // A value that could not be read goes in as written, kept and marked red, as a paste would.
          const value = d.status === 'error' ? (d.raw === null ? null : String(d.raw)) : d.value;
          if (slot.recordId === null) {
            const stage = stages.get(slot.makes!.stage) ?? { orgId: slot.makes!.orgId, stage: slot.makes!.stage };
            stage[slot.field] = value;
            stages.set(slot.makes!.stage, stage);
            continue;
          }
          const list = edits.get(slot.table) ?? edits.set(slot.table, []).get(slot.table)!;
          // Each carries what the cell held at the comparison: a cell changed here since is not overwritten.
          list.push({ id: slot.recordId, field: slot.field, value, from: from(d.field), expected: d.current });
          editedFrom.set(`${slot.table}:${slot.recordId}:${slot.field}`, { row, field: d.field });
        }
        for (const stage of stages.values()) additions.push({ table: sheet.binding.table, record: { values: stage, from: rowFrom }, row });
        continue;
      }
      const made = newRecordsOf(sheet.binding, row.refs!, Object.fromEntries(values.map((v) => [v.field, v.value])));
      for (const m of made) additions.push({ table: m.table, record: { values: m.values, from: rowFrom }, row });
    }

    const problems: ImportProblemView[] = [];
    const refusedCells = new Set<string>();
    for (const [table, changes] of edits) {
      const edited = applyRecordEdits(ctx, table, preview.year, changes, { source: 'import', summary, changeSet: cs });
      for (const p of edited.problems) {
        if (p.kept) continue;
        const where = editedFrom.get(`${table}:${p.id}:${p.field}`);
        refusedCells.add(`${table}:${p.id}:${p.field}`);
        problems.push({ severity: 'warning', sheet: where?.row.sheet ?? preview.sheet, cell: where ? sheetOf.get(where.row.sheet)!.cellOf(where.row.sourceRow, where.field) : '', message: p.message });
      }
    }
    const refusedRows = new Set<ImportRowView>();
    leadersFirst(ctx, session, preview.year, additions, cs, problems, refusedRows);
    const byTable = new Map<RecordTable, Addition[]>();
    for (const a of additions) if (!refusedRows.has(a.row)) byTable.set(a.table, [...(byTable.get(a.table) ?? []), a]);
    for (const [table, list] of byTable) {
      const inserted = insertRecords(ctx, table, preview.year, list.map((a) => a.record), cs);
      for (const p of inserted.problems) {
        const a = list[p.id]!;
        const sheet = sheetOf.get(a.row.sheet)!;
        const refused = inserted.ids[p.id] === null;
        if (refused) refusedRows.add(a.row);
        problems.push({ severity: 'warning', sheet: a.row.sheet, cell: p.field ? sheet.cellOf(a.row.sourceRow, p.field) : sheet.keyCell(a.row.sourceRow), message: `第 ${a.row.sourceRow} 行：${p.message.replace(/^第 \d+ 条(的)?/, '')}` });
      }
      if (inserted.ids.some((id) => id !== null)) ctx.events.emit('data.changed', { entity: recordSpecs[table].sqlTable });
    }

    // What was written, in the words of the plan (less what was refused since).
    const changed = plan.rows.filter((p) => p.row.record !== undefined);
    const wrote = (row: ImportRowView, field: string) => {
      const slot = sheetOf.get(row.sheet)!.heldOf.get(row.sourceRow)!.slots.get(field)!;
      return slot.recordId === null ? !refusedRows.has(row) : !refusedCells.has(`${slot.table}:${slot.recordId}:${slot.field}`);
    };
    const writtenCells = changed.flatMap((p) => p.cells.filter((d) => wrote(p.row, d.field)));
    const newRows = plan.rows.filter((p) => p.row.record === undefined && !refusedRows.has(p.row));
    const applied = {
      newRows: newRows.length,
      newCells: newRows.reduce((n, p) => n + p.values.length, 0),
      changedRows: changed.filter((p) => p.cells.some((d) => wrote(p.row, d.field))).length,
      cells: writtenCells.length,
      clears: writtenCells.filter((d) => d.value === null).length,
    };
    recordBatch(ctx, preview, cs.count ? cs.id : null, applied, { id: batchId, now });
    const skipped = { rows: plan.skippedRows + [...refusedRows].filter((r) => r.record === undefined).length, cells: plan.skippedCells + refusedCells.size };
    return { changeSetId: cs.count ? cs.id : null, applied, skipped, problems };
  })();
  ctx.imports.drop(preview.sessionId);
  return { batchId, ...result };
}

/**
 * The leaders a hand-made 联系点台账 adds, inserted before their points (in the same change set,
 * so one undo takes both away), and only those a point being added names; each point's
 * placeholder then becomes its leader's id. A leader refused now refuses its points, by their cells.
 */
function leadersFirst(ctx: ServiceContext, session: RecordsSession, year: number, additions: Addition[], cs: ChangeSet, problems: ImportProblemView[], refusedRows: Set<ImportRowView>): void {
  const planned = new Map(session.sheets.flatMap((s) => s.newLeaders.map((l) => [l.placeholder, { leader: l, sheet: s }] as const)));
  const used = [...new Set(additions.map((a) => a.record.values.leaderId).filter((id): id is number => typeof id === 'number' && id < 0))];
  if (used.length === 0) return;
  const inserted = insertRecords(ctx, 'leader', year, used.map((p) => {
    const { leader, sheet } = planned.get(p)!;
    return { values: { committeeId: leader.committeeId, name: leader.name, position: leader.position, title: leader.title }, from: `${sheet.sheet.raw.name}!${leader.cell}` };
  }), cs);
  const idOf = new Map(used.map((p, i) => [p, inserted.ids[i] ?? null]));
  for (const p of inserted.problems) {
    const { leader, sheet } = planned.get(used[p.id]!)!;
    problems.push({ severity: 'warning', sheet: sheet.sheet.raw.name, cell: leader.cell, message: `领导干部“${leader.name}”${p.message}` });
  }
  for (const a of additions) {
    const p = a.record.values.leaderId;
    if (typeof p !== 'number' || p >= 0) continue;
    const id = idOf.get(p) ?? null;
    if (id === null) refusedRows.add(a.row);
    else a.record.values.leaderId = id;
  }
  if (inserted.ids.some((id) => id !== null)) ctx.events.emit('data.changed', { entity: recordSpecs.leader.sqlTable });
}
