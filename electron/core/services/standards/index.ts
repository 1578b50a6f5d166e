/**
 * The reference standards as data, kept per year and edited in 设置: added, changed,
 * deactivated (never deleted: a branch's past checklist still names them), reordered within
 * their criterion, copied from last year, or started from the bundled example. Every change is
 * a change set of the audit log, undone by the one undo.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import { exampleStandards, standardOrder, type Standard, type StandardList, type StandardsChange } from '../../../../shared/domain/standards.ts';
import type SQLite from 'better-sqlite3';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import {
  getStandard,
  insertStandard,
  lastOrdinal,
  standardsOfYear,
  standardYears,
  updateStandard,
  type StandardColumns,
  type StandardRow,
} from '../../repos/standards.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import type { ServiceContext } from '../context.ts';

/** The criteria in their dictionary order: the order standards are shown and numbered in. */
export function criteriaOrder(sqlite: SQLite.Database): string[] {
  return listDictEntriesSync(sqlite, 'strong_criterion').map((e) => e.code);
}

/** A year's standards in the order shown, each numbered (第N条) among the active ones. */
export function numberedStandards(rows: readonly StandardRow[], criteria: readonly string[]): Standard[] {
  let n = 0;
  return [...rows].sort(standardOrder(criteria)).map((r) => ({
    id: r.id,
    year: r.year,
    criterion: r.criterion,
    ordinal: r.ordinal,
    number: r.active === 1 ? ++n : null,
    text: r.text,
    field: r.field,
    active: r.active === 1,
    revision: r.revision,
  }));
}

export function listStandards(ctx: ServiceContext, year: number): StandardList {
  const { sqlite } = ctx.conn;
  return { year, standards: numberedStandards(standardsOfYear(sqlite, year), criteriaOrder(sqlite)), years: standardYears(sqlite) };
}

function checkCodes(ctx: ServiceContext, criterion: string | undefined, field: string | null | undefined): void {
  const dicts = listDictEntriesSync(ctx.conn.sqlite);
  if (criterion !== undefined && !dicts.some((d) => d.dict === 'strong_criterion' && d.code === criterion)) {
    throw new AppError('INVALID_ARGS', `“五强”标准中没有代码为“${criterion}”的项，请从列表中选择。`);
  }
  if (field !== undefined && field !== null && !dicts.some((d) => d.dict === 'field' && d.code === field)) {
    throw new AppError('INVALID_ARGS', `领域中没有代码为“${field}”的项，请从列表中选择适用领域，或选“全部领域”。`);
  }
}

/** A standard as the audit log records a new row: its stored columns. */
function inserted(ctx: ServiceContext, cs: ChangeSet, row: Omit<StandardRow, 'id' | 'revision' | 'deleted_at'>): number {
  const id = insertStandard(ctx.conn.sqlite, row);
  cs.record('standard', id, row.uid, null, 'insert', null, { ...row, name: row.text });
  return id;
}

function newRow(ctx: ServiceContext, year: number, ordinal: number, v: { criterion: string; text: string; field: string | null; active?: boolean }) {
  const now = ctx.now().toISOString();
  return { uid: randomUUID(), year, criterion: v.criterion, ordinal, text: v.text, field: v.field, active: v.active === false ? 0 : 1, created_at: now, updated_at: now };
}

function changed(ctx: ServiceContext, cs: ChangeSet, row: StandardRow, values: StandardColumns): void {
  const diff: StandardColumns = {};
  for (const [k, v] of Object.entries(values) as [keyof StandardColumns, StandardColumns[keyof StandardColumns]][]) {
    if (v === undefined || row[k] === v) continue;
    (diff as Record<string, unknown>)[k] = v;
    cs.record('standard', row.id, row.uid, k, 'update', row[k], v);
  }
  if (Object.keys(diff).length) updateStandard(ctx.conn.sqlite, row.id, diff, ctx.now().toISOString());
}

function finish(ctx: ServiceContext, year: number, changeSetId: string | null): StandardsChange {
  if (changeSetId) ctx.events.emit('data.changed', { entity: 'standard' });
  return { changeSetId, list: listStandards(ctx, year) };
}

/** Adds a standard to a year (last in its criterion) or changes one; a standard keeps its year. */
export function saveStandard(ctx: ServiceContext, args: ParsedArgs<'standards.save'>): StandardsChange {
  const { sqlite } = ctx.conn;
  checkCodes(ctx, args.criterion, args.field);
  const changeSetId = ctx.conn.writeTransaction(() => {
    if (args.id === undefined) {
      const cs = ctx.audit.begin('typed', `新增 ${args.year} 年对标标准“${args.text.slice(0, 20)}”`);
      inserted(ctx, cs, newRow(ctx, args.year, lastOrdinal(sqlite, args.year) + 1, args));
      return cs.id;
    }
    const row = mustGet(ctx, args.id);
    if (row.year !== args.year) throw new AppError('CONFLICT', `这条标准属于 ${row.year} 年，不能改到 ${args.year} 年；请在 ${args.year} 年新增，或复制上年标准。`);
    const cs = ctx.audit.begin('typed', `修改 ${row.year} 年对标标准“${row.text.slice(0, 20)}”`);
    changed(ctx, cs, row, { criterion: args.criterion, text: args.text, field: args.field, active: args.active ? 1 : 0 });
    return cs.count ? cs.id : null;
  })();
  return finish(ctx, args.year, changeSetId);
}

function mustGet(ctx: ServiceContext, id: number): StandardRow {
  const row = getStandard(ctx.conn.sqlite, id);
  if (!row || row.deleted_at !== null) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的标准，可能已被删除，请刷新后重试。`);
  return row;
}

/** Moves a standard one place up or down among those of its criterion (the numbers follow). */
export function moveStandard(ctx: ServiceContext, args: ParsedArgs<'standards.move'>): StandardsChange {
  const { sqlite } = ctx.conn;
  const row = mustGet(ctx, args.id);
  const same = standardsOfYear(sqlite, row.year).filter((s) => s.criterion === row.criterion);
  const at = same.findIndex((s) => s.id === row.id);
  const other = same[args.direction === 'up' ? at - 1 : at + 1];
  if (!other) throw new AppError('CONFLICT', `“${row.text.slice(0, 20)}”已经是本项“五强”标准下的${args.direction === 'up' ? '第一条' : '最后一条'}，不能再${args.direction === 'up' ? '上移' : '下移'}。`);
  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `调整 ${row.year} 年对标标准的顺序`);
    changed(ctx, cs, row, { ordinal: other.ordinal });
    changed(ctx, cs, other, { ordinal: row.ordinal });
    return cs.id;
  })();
  return finish(ctx, row.year, changeSetId);
}

function mustBeEmpty(ctx: ServiceContext, year: number): void {
  const n = standardsOfYear(ctx.conn.sqlite, year).length;
  if (n) throw new AppError('CONFLICT', `${year} 年已有 ${n} 条标准，没有改动。请在列表中逐条修改，以免两套标准混在一起。`);
}

/** Copies a year's standards (inactive ones too, in the same order) into a year that has none. */
export function copyStandards(ctx: ServiceContext, args: ParsedArgs<'standards.copyYear'>): StandardsChange {
  const from = standardsOfYear(ctx.conn.sqlite, args.from);
  if (from.length === 0) throw new AppError('CONFLICT', `${args.from} 年还没有标准，无法复制到 ${args.to} 年。`);
  mustBeEmpty(ctx, args.to);
  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `复制 ${args.from} 年对标标准 ${from.length} 条到 ${args.to} 年`);
    for (const s of from) inserted(ctx, cs, newRow(ctx, args.to, s.ordinal, { ...s, active: s.active === 1 }));
    return cs.id;
  })();
  return finish(ctx, args.to, changeSetId);
}

/** Starts a year with the bundled example (19 items after Chifeng's), for the city to edit. */
export function loadExampleStandards(ctx: ServiceContext, args: ParsedArgs<'standards.loadExample'>): StandardsChange {
  mustBeEmpty(ctx, args.year);
  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `${args.year} 年载入示例对标标准 ${exampleStandards.length} 条`);
    insertExample(ctx, args.year, cs);
    return cs.id;
  })();
  return finish(ctx, args.year, changeSetId);
}

/** The example's rows into a year, inside the caller's transaction (also the demo seed's). */
export function insertExample(ctx: ServiceContext, year: number, cs: ChangeSet): number[] {
  return exampleStandards.map((s, i) => inserted(ctx, cs, newRow(ctx, year, i + 1, { criterion: s.criterion, text: s.text, field: s.field ?? null })));
}
