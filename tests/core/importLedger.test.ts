/**
 * The ledger's own stage of an import (ledger.ts: `compareLedger`, `fillTownships`), on
 * plain data: a branch ledger's rows as read, what we hold as `readHeldLedger` gives it.
 * What only the ledger has: a branch's name written only to a row matched by its id, a
 * township written once over its branches, the locked columns, the path of a branch the
 * file adds, three ways for the rows sent, and the rows the file does not list.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/domain/fields.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { hashedColumns, rowHash, sentCell } from '../../electron/core/excel/writer.ts';
import { branchKey, type HeldLedger } from '../../electron/core/services/import/held.ts';
import { compareLedger, fillTownships, type LedgerFile } from '../../electron/core/services/import/ledger.ts';
import type { FileRow } from '../../electron/core/services/import/read.ts';
import { cellOf, dicts, fileColumns, fileRows, held, heldRow, ledgerSheet } from '../helpers/importStages.ts';

const east = heldRow({ id: 1, name: '东村党支部', secretary: '张三', membersFormal: 30, grade: 'advanced', liaisonLeaders: '王五' });
const west = heldRow({ id: 2, name: '西村党支部', secretary: '李四' });

function compare(rows: FileRow[], h: HeldLedger, sent: LedgerFile['sent'] = null, townshipFilled: string[] = []) {
  return compareLedger({ sheet: '党支部分类台账', tsheet: ledgerSheet, columns: fileColumns, rows, cellOf, sent, townshipFilled }, h, dicts);
}
/** The hash our export wrote for a row as held. */
const hashOf = (r: LedgerRow) => rowHash(hashedColumns(ledgerSheet.columns).map((c) => sentCell(c, (r as unknown as Record<string, CellValue>)[c.field], r.invalid?.[c.field]?.raw)));
const label = (dict: string, code: string | null) => dicts.find((d) => d.dict === dict && d.code === code)?.label ?? null;
/** A row as our export wrote it (its hidden id `u{id}`): every column's value as held, as a person reads it; `over` as the unit typed. */
function asSent(r: LedgerRow, over: Record<string, CellValue | undefined> = {}) {
  const flag = (v: boolean | null) => (v === null ? null : v ? '是' : '否');
  return {
    id: `u${r.id}`, county: r.county, township: r.township, name: r.name, kind: label('org_kind', r.kind), field: label('field', r.field),
    membersFormal: r.membersFormal, membersProbationary: r.membersProbationary, secretary: r.secretary, secretaryPhone: r.secretaryPhone,
    grade: label('grade', r.grade), standardised: flag(r.standardised), strongestStatus: label('strongest_status', r.strongestStatus), weakLax: flag(r.weakLax),
    liaisonLeaders: r.liaisonLeaders, termChangedOn: r.termChangedOn, notes: r.notes, ...over,
  };
}
/** The same typed by hand: no hidden id. */
const typed = (r: LedgerRow, over: Record<string, CellValue | undefined> = {}) => asSent(r, { id: undefined, ...over });

describe('the branch ledger compared', () => {
  it('writes a new name only to a row matched by its id; a row matched by name keeps its name', () => {
    const h = held([east, west], { uids: { u1: { id: 1 } } });
    const { rows } = compare(fileRows([asSent(east, { name: '东村第一党支部' }), typed(west, { name: '西村支部' })]), h);
    expect(rows[0]).toMatchObject({ status: 'changed', match: { ledgerId: 1, by: 'id' }, diffs: [{ field: 'name', cell: 'D5', status: 'change', value: '东村第一党支部', current: '东村党支部' }] });
    expect(rows[1]).toMatchObject({ status: 'fuzzy', match: { ledgerId: 2, by: 'fuzzy' }, diffs: [] });
  });

  it('reads a township written once over its branches as the one above, and says which cells', () => {
    const rows = fileRows([{ township: '经棚镇', name: '东村党支部' }, { township: null, name: '西村党支部' }, { township: null, name: null }]);
    expect(fillTownships(rows, cellOf)).toEqual(['C6']);
    expect(rows.map((r) => r.values.township)).toEqual(['经棚镇', '经棚镇', null]);
    const { problems } = compare(rows, held([east, west]), null, ['C6']);
    expect(problems.at(-1)).toMatchObject({ cell: 'C6', message: expect.stringContaining('有 1 个空白单元格（C6），按其上方最近的乡镇读取') });
  });

  it('never writes 联系领导 or 苏木乡镇, and says where a file holds another text in them', () => {
    const { rows, problems } = compare(fileRows([typed(east, { township: '经棚镇党委', liaisonLeaders: '赵六' }), typed(west, { liaisonLeaders: null })]), held([east, west]));
    expect(rows.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(problems).toEqual([{ severity: 'warning', sheet: '党支部分类台账', cell: 'R5', message: expect.stringMatching(/^“联系领导”由党建工作联系点生成，不从文件导入。文件中有 1 行与台账不同（R5）；/) }]);
  });

  it('compares three ways the rows sent: ours kept, the unit’s taken, a field of the branch itself judged under its unit', () => {
    // Since the export: the secretary changed here (张三 → 孙七), the field too (嘎查村 → 社区).
    const now = { ...east, secretary: '孙七', field: 'community' };
    const h = held([now, west], { uids: { u1: { id: 1 }, u2: { id: 2 } }, sentBefore: new Map<string, CellValue>([['branch_ledger:1:secretary', '张三'], ['org:1001:field', 'village']]) });
    const sent = { rows: [{ uid: 'u1', hash: hashOf(east) }, { uid: 'u2', hash: hashOf(west) }], fields: ledgerSheet.columns.map((c) => c.field) };
    const { rows } = compare(fileRows([asSent(east, { membersFormal: 31 }), asSent(west, { secretary: '周八' })]), h, sent);
    expect(rows[0]!.diffs.map((d) => [d.field, d.status, d.value, d.current, d.sent])).toEqual([
      ['field', 'kept', 'village', 'community', 'village'],
      ['membersFormal', 'change', 31, 30, 30],
      ['secretary', 'kept', '张三', '孙七', '张三'],
    ]);
    expect(rows[0]!.status).toBe('changed');
    // The row's hash vouches for the value as sent of a cell not changed here.
    expect(rows[1]!.diffs).toMatchObject([{ field: 'secretary', status: 'change', sent: '李四' }]);
    // Sent, its hidden id cleared in the file: matched by name, compared three ways.
    const cleared = compare(fileRows([typed(east)]), h, sent);
    expect(cleared.rows[0]).toMatchObject({ match: { by: 'name' }, diffs: [{ field: 'field', status: 'kept' }, { field: 'secretary', status: 'kept' }] });
    // Matched by name, and not sent in this export: two ways.
    const byName = compare(fileRows([typed(east)]), held([now], { sentBefore: new Map([['branch_ledger:1:secretary', '张三']]) }), { rows: [], fields: sent.fields });
    expect(byName.rows[0]!.diffs.find((d) => d.field === 'secretary')).toMatchObject({ status: 'change', value: '张三', current: '孙七', sent: undefined });
  });

  it('keeps deleted a row deleted here that the unit returned as sent, and offers to bring back one it changed', () => {
    const gone = heldRow({ id: 5, name: '北村党支部', secretary: '吴九' });
    const h = held([east], { uids: { u5: { id: 5, deleted: true } } });
    const sent = { rows: [{ uid: 'u5', hash: hashOf(gone) }], fields: ledgerSheet.columns.map((c) => c.field) };
    const kept = compare(fileRows([asSent(gone)]), h, sent).rows[0]!;
    expect(kept).toMatchObject({ status: 'unchanged', messages: ['本地已删除这一行，报送单位未改动：保持删除'] });
    expect(kept).not.toHaveProperty('restores');
    const changed = compare(fileRows([asSent(gone, { secretary: '郑十' })]), h, sent);
    expect(changed.rows[0]).toMatchObject({ status: 'conflict', restores: 5 });
    expect(changed.problems[0]!.message).toContain('在本地已删除，报送单位却修改了它');
  });

  it('adds a branch under the township it names, reusing a unit there without a row this year, bringing back a deleted row only when asked', () => {
    const branches: HeldLedger['branches'] = new Map([
      [branchKey(10, '南村党支部'), { orgId: 77, ledger: null }],
      [branchKey(10, '北村党支部'), { orgId: 78, ledger: { id: 8, uid: 'u8', deletedAt: '2026-01-05' } }],
    ]);
    const { rows, problems, newUnits } = compare(fileRows([{ township: '经棚镇', name: '南村党支部', secretary: '钱一' }, { township: '经棚镇', name: '北村党支部' }, { township: '白城镇党委', name: '中村党支部' }]), held([east], { branches }));
    expect(rows.map((r) => [r.status, r.parent, r.restores, r.newUnit])).toEqual([
      ['new', { id: 10, name: '经棚镇' }, undefined, undefined],
      ['conflict', null, 8, undefined],
      // A township the tree lacks: a decision (create it, and where), not an error.
      ['new', null, undefined, '白城镇'],
    ]);
    expect(rows[0]!.messages).toEqual(['组织机构中已有这个党支部、但 2026 年还没有它的台账行，提交时为它新建']);
    expect(newUnits).toEqual([{ key: '白城镇', name: '白城镇', cells: ['党支部分类台账!C7'], county: null }]);
    expect(problems).toEqual([{ severity: 'warning', sheet: '党支部分类台账', cell: 'C7', message: expect.stringContaining('组织机构中没有“白城镇”，文件中有 1 个党支部在它之下（C7）') }]);
  });

  it('does not add as new a near name of a branch another row took', () => {
    const { rows } = compare(fileRows([typed(east), typed(east, { name: '东村支部' })]), held([east]));
    expect(rows[1]).toMatchObject({ status: 'error', messages: ['与第 5 行的“东村党支部”名称相近，可能是同一党支部填了两次，未作为新增'] });
  });

  it('holds back both listings of a branch listed twice with other values, only the second when they agree', () => {
    const differ = compare(fileRows([typed(east), typed(east, { secretary: '孙七' })]), held([east]));
    expect(differ.rows.map((r) => r.status)).toEqual(['error', 'error']);
    expect(differ.rows[0]!.messages).toEqual(['与第 6 行重复且内容不同，未导入']);
    const agree = compare(fileRows([typed(east, { secretary: '孙七' }), typed(east, { secretary: '孙七' })]), held([east]));
    expect(agree.rows.map((r) => r.status)).toEqual(['changed', 'error']);
  });

  it('takes two listings of a branch that hold the same red value, returned as it was, as the same', () => {
    const red = { ...east, membersFormal: null, invalid: { membersFormal: { raw: '三十余', message: '不是整数' } } };
    const { rows } = compare(fileRows([typed(east, { membersFormal: '三十余' }), typed(east, { membersFormal: '三十余' })]), held([red]));
    expect(rows.map((r) => r.status)).toEqual(['unchanged', 'error']);
    expect(rows[0]!.values.membersFormal).toBe('三十余');
  });

  it('lists as missing the rows sent and not returned; for a hand-made file, the rows of its townships it does not list', () => {
    const h = held([east, west], { uids: { u1: { id: 1 }, u2: { id: 2 } } });
    const sent = { rows: [{ uid: 'u1', hash: '' }, { uid: 'u2', hash: '' }], fields: null };
    expect(compare(fileRows([asSent(east)]), h, sent).missing.map((m) => m.id)).toEqual([2]);
    expect(compare(fileRows([typed(west)]), h).missing.map((m) => m.id)).toEqual([1]);
    // Rows matched by their id only: no township was looked in.
    expect(compare(fileRows([asSent(east)]), h).missing).toEqual([]);
  });
});
