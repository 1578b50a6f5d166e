/**
 * The one path that writes cells of record tables, typed, pasted, filled, undone or
 * redone: parsed by the column's rules, written with audit records in one
 * transaction. A value not understood is kept (invalid_json) and marked, never dropped.
 */
import type { EditProblem, InvalidValue, RecordEditResult } from '../../../../shared/contract/types.ts';
import { parseFieldValue, shownValue, type CellValue, type FieldDef } from '../../../../shared/domain/fields.ts';
import { pinyinKeys } from '../../../../shared/domain/pinyin.ts';
import { pipelineOnlyMessage, pipelineOwnedFields, pipelineSources } from '../../../../shared/domain/evaluation.ts';
import { recordField, recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { columnOf, getStoredRecord, recordSpecs, recordWriter } from '../../repos/records.ts';
import { today, type ServiceContext } from '../context.ts';
import { problemStatusStep, type StepWords } from '../problems/loop.ts';
import { recordsByIds } from './list.ts';

export interface RecordChange {
  id: number;
  field: string;
  value: CellValue;
  /** Where the value came from, when not typed: an imported file's sheet and cell ('工作记录!F9'). */
  from?: string;
  /**
   * What the cell held when the person decided (an import's preview): if it holds something
   * else now, the change is not written and a problem says so.
   */
  expected?: CellValue;
}

/** A stored value in the form the audit log records and the grid shows. */
export function storedValue(row: Record<string, unknown>, table: RecordTable, def: FieldDef): CellValue {
  const v = row[columnOf(recordSpecs[table], def.field)] as CellValue;
  return def.type === 'flag' && v !== null ? v === 1 : v;
}

/** Finishing a project or clearing a problem dates it, unless a date was given. */
const impliedDates: Partial<Record<RecordTable, { field: string; value: string; dateField: string }>> = {
  project: { field: 'progress', value: 'done', dateField: 'doneOn' },
  problem: { field: 'status', value: 'cleared', dateField: 'clearedOn' },
};

export function applyRecordEdits(
  ctx: ServiceContext,
  table: RecordTable,
  year: number,
  changes: readonly RecordChange[],
  options: {
    source: string;
    summary: string;
    problems?: EditProblem[];
    changeSet?: ChangeSet;
    /** A problem's state changed by a step of its loop (services/problems): the step's reason, note and day. */
    step?: StepWords;
  },
): RecordEditResult {
  const { sqlite } = ctx.conn;
  const spec = recordSpecs[table];
  const dicts = listDictEntriesSync(sqlite);
  const writer = recordWriter(sqlite, table);
  const now = ctx.now().toISOString();
  const problems: EditProblem[] = options.problems ?? [];
  const rows = new Map<number, Record<string, unknown> | undefined>();
  const rowOf = (id: number) => {
    if (!rows.has(id)) rows.set(id, getStoredRecord(sqlite, table, id));
    return rows.get(id);
  };
  const touched = new Set<number>();
  // Undo and redo restore exactly what was recorded, and an import writes what its file says (a
  // date it leaves empty is not today's); only a person's edit implies more.
  const implies = !['undo', 'redo', 'import'].includes(options.source) ? impliedDates[table] : undefined;
  // A problem's state is judged by its loop's rule, except when an undo or a redo puts back what was.
  const loop = table === 'problem' && !['undo', 'redo'].includes(options.source);

  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = options.changeSet ?? ctx.audit.begin(options.source, options.summary);
    const invalidByRow = new Map<number, Record<string, InvalidValue>>();
    // The state last: the rule sees the values given with it (a 责任人 pasted in the same row).
    const queue = loop ? [...changes.filter((c) => c.field !== 'status'), ...changes.filter((c) => c.field === 'status')] : [...changes];
    for (let i = 0; i < queue.length; i++) {
      const change = queue[i]!;
      const def = recordField(table, change.field);
      const row = rowOf(change.id);
      // A picked ref (a problem's 包联领导) is never typed; an undo puts back what a step chose.
      const refWritable = def?.type === 'ref' && def.derived !== true && (['undo', 'redo'].includes(options.source) || options.step !== undefined);
      // The pipeline's own fields (a stage's result, history) are written by its moves and their undo alone.
      const ownedByPipeline = table === 'evaluation' && def !== undefined && pipelineOwnedFields.has(def.field);
      if (ownedByPipeline && !pipelineSources.has(options.source)) {
        problems.push({ id: change.id, field: change.field, message: pipelineOnlyMessage });
        continue;
      }
      if (!def || (!def.editable && !refWritable && !ownedByPipeline)) {
        problems.push({ id: change.id, field: change.field, message: `“${def?.label ?? change.field}”不能在此修改。` });
        continue;
      }
      if (!row) {
        problems.push({ id: change.id, field: def.field, message: '找不到这一行，可能已被删除，请刷新。' });
        continue;
      }
      if (row.deleted_at) {
        problems.push({ id: change.id, field: def.field, message: '这一行已删除，请先在“已删除”中恢复。' });
        continue;
      }
      const column = columnOf(spec, def.field);
      let invalid = invalidByRow.get(change.id);
      if (!invalid) invalidByRow.set(change.id, (invalid = row.invalid_json ? (JSON.parse(row.invalid_json as string) as Record<string, InvalidValue>) : {}));
      const wasInvalid = invalid[def.field];
      const old = wasInvalid ? { invalid: wasInvalid.raw } : storedValue(row, table, def);
      if (change.expected !== undefined && (wasInvalid ? wasInvalid.raw : ((old as CellValue) ?? null)) !== change.expected) {
        const held = shownValue(def, wasInvalid ? wasInvalid.raw : old, dicts);
        problems.push({ id: change.id, field: def.field, message: `${def.label}：核对之后又被改为“${held}”，未覆盖。请重新核对这个文件。` });
        continue;
      }
      const ref = change.from ? `${spec.sqlTable}:${change.id}@${change.from}` : undefined;
      const parsed = parseFieldValue(def, change.value, dicts);

      if (!parsed.ok) {
        const raw = String(change.value ?? '').trim();
        if (def.required && raw === '') {
          problems.push({ id: change.id, field: def.field, message: `${def.label}不能为空，未修改。` });
          continue;
        }
        invalid[def.field] = { raw, message: parsed.message };
        // The typed column no longer holds what the user meant; a required one keeps its last good value.
        if (!def.required) {
          writer.set(change.id, column, null, now);
          row[column] = null;
        }
        cs.record(spec.sqlTable, change.id, row.uid as string, def.field, 'update', old, { invalid: raw }, ref);
        problems.push({ id: change.id, field: def.field, message: `${def.label}：${parsed.message}`, kept: true });
        touched.add(change.id);
        continue;
      }
      const value = parsed.value;
      if (!wasInvalid && JSON.stringify(old ?? null) === JSON.stringify(value)) continue;
      if (loop && def.field === 'status') {
        const imported = options.source === 'import';
        const refusal = problemStatusStep(ctx, cs, row, String(value), { imported, words: options.step ?? null, from: change.from }, dicts);
        if (refusal) {
          // A grid cell has no room for a reason: the buttons of the page ask for one.
          const how = options.step || imported ? '' : '。请选中这一行，用“领账”“开始整改”“销号”“重新打开”按钮办理';
          problems.push({ id: change.id, field: def.field, message: `${def.label}：${refusal}${how}，未修改。` });
          continue;
        }
      }
      delete invalid[def.field];
      const stored = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      writer.set(change.id, column, stored, now);
      row[column] = stored;
      if (table === 'leader' && def.field === 'name') {
        const keys = pinyinKeys(String(value));
        writer.set(change.id, 'name_sort', keys.sortKey, now);
        writer.set(change.id, 'name_initials', keys.initials, now);
      }
      cs.record(spec.sqlTable, change.id, row.uid as string, def.field, 'update', old, value, ref);
      touched.add(change.id);
      if (implies && def.field === implies.field && value === implies.value && row[columnOf(spec, implies.dateField)] === null) {
        queue.push({ id: change.id, field: implies.dateField, value: today(ctx) });
      }
    }
    for (const id of touched) {
      const invalid = invalidByRow.get(id)!;
      writer.finish(id, Object.keys(invalid).length ? JSON.stringify(invalid) : null, now);
    }
    return cs.count > 0 ? cs.id : null;
  })();

  if (touched.size) ctx.events.emit('data.changed', { entity: spec.sqlTable, ids: [...touched] });
  return { changeSetId, rows: recordsByIds(ctx, table, year, [...touched]), problems };
}

export function editRecords(ctx: ServiceContext, args: { table: RecordTable; year: number; changes: RecordChange[]; source: string }): RecordEditResult {
  const verb: Record<string, string> = { typed: '编辑', paste: '粘贴', fill: '填充' };
  return applyRecordEdits(ctx, args.table, args.year, args.changes, {
    source: args.source,
    summary: `${verb[args.source] ?? args.source}${recordTables[args.table].noun} ${args.changes.length} 处`,
  });
}
