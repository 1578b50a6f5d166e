/**
 * The three-way judgement of one cell (judge.ts): what the file says, what we hold, and
 * what was sent. Pure: plain values in, a judgement out; then a row judged cell by cell.
 */
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../shared/domain/fields.ts';
import { cellTaken, erases, noChoices } from '../../shared/domain/importPlan.ts';
import type { ImportRowView } from '../../shared/contract/types.ts';
import { unitKey } from '../../electron/core/services/import/branchNames.ts';
import { judgeCell, judgeRow, type HeldCell, type JudgedColumn, type SentCell } from '../../electron/core/services/import/judge.ts';
import { readCell } from '../../electron/core/services/import/read.ts';
import { cellOf, dicts, fileColumns, fileRows } from '../helpers/importStages.ts';

const write = { access: 'write' } as const;
const held = (value: HeldCell['value'], red = false): HeldCell => ({ value, red });
const file = (value: HeldCell['value']) => ({ ok: true as const, value });
const unreadable = (text: string) => ({ ok: false as const, text, message: '读不懂' });
/** Sent as it is held, vouched for by the row's hash. */
const sentAsHeld = (value: SentCell['value']): SentCell => ({ value, changedHere: false });
/** Sent, and changed here since (the audit's first old value). */
const sentThenChanged = (value: SentCell['value']): SentCell => ({ value, changedHere: true });

describe('one cell judged three ways', () => {
  it('leaves a cell nobody changed', () => {
    expect(judgeCell(write, file(12), held(12), sentAsHeld(12))).toEqual({ status: 'unchanged' });
    expect(judgeCell(write, file(12), held(12), undefined)).toEqual({ status: 'unchanged' });
  });

  it('takes a cell changed by the unit only, with the value as sent', () => {
    expect(judgeCell(write, file(15), held(12), sentAsHeld(12))).toEqual({ status: 'change', sent: 12 });
    // A file that is not one of our exports: two ways, the value as sent not known.
    expect(judgeCell(write, file(15), held(12), undefined)).toEqual({ status: 'change', sent: undefined });
  });

  it('keeps ours where only we changed the cell since it was sent', () => {
    expect(judgeCell(write, file(12), held(20), sentThenChanged(12))).toEqual({ status: 'kept', sent: 12 });
  });

  it('sees nothing to do where both changed it to the same value', () => {
    expect(judgeCell(write, file(20), held(20), sentThenChanged(12))).toEqual({ status: 'unchanged' });
  });

  it('asks a person where both changed it differently', () => {
    expect(judgeCell(write, file(15), held(20), sentThenChanged(12))).toEqual({ status: 'conflict', sent: 12 });
    // Changed here and back again: the unit's change is the only one.
    expect(judgeCell(write, file(15), held(12), sentThenChanged(12))).toEqual({ status: 'change', sent: 12 });
  });

  it('shows a cell the unit emptied as an erasure, written only when chosen; emptied where we changed it too, a conflict', () => {
    const columns: JudgedColumn[] = fileColumns.map((c) => ({ ...c, access: c.field === 'secretary' ? 'write' : 'read' }));
    const [row] = fileRows([{ township: '经棚镇', name: '东村党支部', secretary: null }]);
    const judged = judgeRow(columns, row!, (f) => held(f === 'secretary' ? '张三' : null), () => sentAsHeld('张三'), cellOf);
    expect(judged.diffs).toEqual([{ field: 'secretary', cell: 'I5', status: 'change', raw: null, value: null, current: '张三', sent: '张三' }]);
    const view = { sourceRow: 5, status: 'changed', match: { ledgerId: 1 }, diffs: judged.diffs } as unknown as ImportRowView;
    expect(erases(judged.diffs[0]!)).toBe(true);
    expect(cellTaken(view, judged.diffs[0]!, noChoices())).toBe(false);
    expect(cellTaken(view, judged.diffs[0]!, { ...noChoices(), clears: true })).toBe(true);
    expect(judgeCell(write, file(null), held('李四'), sentThenChanged('张三'))).toEqual({ status: 'conflict', sent: '张三' });
  });

  it('reads a red value sent as its text and returned as that text as unchanged, shown as the text', () => {
    expect(judgeCell(write, unreadable('12人左右 '), held('12人左右', true), undefined)).toEqual({ status: 'unchanged', shown: '12人左右 ' });
    expect(judgeCell(write, unreadable('13人左右'), held('12人左右', true), undefined)).toEqual({ status: 'error' });
    // A value that is read now, where we hold a red one: the unit's correction.
    expect(judgeCell(write, file(12), held('12人左右', true), sentAsHeld('12人左右'))).toEqual({ status: 'change', sent: '12人左右' });
    // The same text, understood now (a text that was once too long for its column): written, so the red mark goes.
    expect(judgeCell(write, file('东村党支部书记兼主任'), held('东村党支部书记兼主任', true), undefined)).toEqual({ status: 'change', sent: undefined });
  });

  it('reports a value the file cannot read, unless it is what was sent before we changed the cell here', () => {
    expect(judgeCell(write, unreadable('十几个'), held(12), undefined)).toEqual({ status: 'error' });
    expect(judgeCell(write, unreadable('十几个'), held(12), sentThenChanged('十几个'))).toEqual({ status: 'kept', sent: '十几个', shown: '十几个' });
    // Not changed here since: the text is the unit's, and not understood.
    expect(judgeCell(write, unreadable('十几个'), held('十几个'), sentAsHeld('十几个'))).toEqual({ status: 'error' });
  });

  it('compares a month read as a month with the month held, not with its day 1', () => {
    const month: FieldDef = { field: 'termChangedOn', label: '换届时间', type: 'date', month: true, editable: true, width: 100 };
    const day: FieldDef = { ...month, month: false };
    const column = fileColumns.find((c) => c.field === 'termChangedOn')!;
    const read = (def: FieldDef, raw: string) => readCell({ ...column, def }, raw, { emptyAs: '', dicts });
    const march = read(month, '2024年3月');
    expect(march).toEqual({ ok: true, value: '2024-03' });
    expect(judgeCell(write, file('2024-03'), held('2024-03'), sentAsHeld('2024-03'))).toEqual({ status: 'unchanged' });
    expect(judgeCell(write, file('2024-03'), held('2024-03-01'), sentAsHeld('2024-03-01'))).toEqual({ status: 'change', sent: '2024-03-01' });
    // Where a day is wanted, a month alone cannot be read: reported, not made the 1st.
    const asDay = read(day, '2024年3月');
    expect(asDay.ok).toBe(false);
    expect(judgeCell(write, unreadable('2024年3月'), held('2024-03-01'), undefined)).toEqual({ status: 'error' });
  });

  it('never writes a locked column: another text is said, the same place written another way or an empty cell is not', () => {
    const locked = { access: 'locked' as const, sameLocked: (a: unknown, b: unknown) => unitKey(a) === unitKey(b) };
    expect(judgeCell(locked, file('同兴镇'), held('经棚镇'), sentThenChanged('同兴镇'))).toEqual({ status: 'typedOver' });
    expect(judgeCell(locked, file('经棚镇党委'), held('经棚镇'), undefined)).toEqual({ status: 'unchanged' });
    expect(judgeCell(locked, file(null), held('经棚镇'), undefined)).toEqual({ status: 'unchanged' });
    expect(judgeCell(locked, file('  '), held('经棚镇'), undefined)).toEqual({ status: 'unchanged' });
    expect(judgeCell({ access: 'locked' }, file('经棚镇党委'), held('经棚镇'), undefined)).toEqual({ status: 'typedOver' });
    // A column read only (a branch's name matched by name): never compared.
    expect(judgeCell({ access: 'read' }, file('东村支部'), held('东村党支部'), undefined)).toEqual({ status: 'unchanged' });
  });
});

describe('a row judged cell by cell', () => {
  const columns: JudgedColumn[] = fileColumns.map((c) => ({
    ...c,
    access: c.field === 'township' ? 'locked' : ['membersFormal', 'secretary', 'grade'].includes(c.field) ? 'write' : 'read',
    ...(c.field === 'township' ? { sameLocked: (a: unknown, b: unknown) => unitKey(a) === unitKey(b) } : {}),
  }));
  const holding: Record<string, HeldCell> = { township: held('经棚镇'), name: held('东村党支部'), membersFormal: held(30), secretary: held('张三'), grade: held('advanced') };

  it('lists the cells it cannot read first, then the changes in column order; a locked column typed over is said apart', () => {
    const [row] = fileRows([{ township: '同兴镇', name: '东村支部', membersFormal: '三十', secretary: '李四', grade: '中间' }]);
    const asked: string[] = [];
    const judged = judgeRow(columns, row!, (f) => holding[f] ?? held(null), (f) => (asked.push(f), sentAsHeld(holding[f]!.value)), cellOf);
    expect(judged.diffs.map((d) => [d.field, d.cell, d.status, d.value, d.current, d.sent])).toEqual([
      ['membersFormal', 'G5', 'error', null, 30, undefined],
      ['secretary', 'I5', 'change', '李四', '张三', '张三'],
      ['grade', 'K5', 'change', 'middle', 'advanced', 'advanced'],
    ]);
    expect(judged.diffs[0]!.message).toMatch(/^正式党员（名）：/);
    expect(judged.typedOver).toEqual(['township']);
    // The value as sent is asked of the cells that differ only (an audit lookup and a row hash each).
    expect(asked).toEqual(['membersFormal', 'secretary', 'grade']);
  });

  it('compares two ways without a value as sent, and shows a red value returned as its text', () => {
    const red: Record<string, HeldCell> = { ...holding, membersFormal: held('三十', true) };
    const [row] = fileRows([{ township: '经棚镇', name: '东村党支部', membersFormal: '三十', secretary: '张三', grade: '先进' }]);
    const judged = judgeRow(columns, row!, (f) => red[f] ?? held(null), null, cellOf);
    expect(judged).toEqual({ diffs: [], shown: { membersFormal: '三十' }, typedOver: [] });
  });
});
