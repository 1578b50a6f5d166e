/**
 * One definition per table: the ledger's columns (shared/domain/ledger.ts) are all the
 * queries, the year copy, the template and the import know. Every column the definition
 * stores is given a value and followed through the grid's list, "copy last year", an
 * export filled in by openpyxl and its import: a column defined but left out of any of
 * them fails here, without this test naming the column.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { DictEntry, LedgerRow } from '../../shared/contract/types.ts';
import { isImportable, isStored, type CellValue, type FieldDef } from '../../shared/domain/fields.ts';
import { ledgerColumns } from '../../shared/domain/ledger.ts';
import { findTemplate } from '../../shared/templates/index.ts';
import { seededCore } from '../helpers/core.ts';

/** A value of the column's type unlike `now`, as the contract takes it (`round` picks another one each time). */
function another(c: FieldDef, now: CellValue, dicts: DictEntry[], round: number): CellValue {
  switch (c.type) {
    case 'integer':
      return Number(now ?? 0) + 3 + round;
    case 'flag':
      return now !== true;
    case 'phone':
      return `1390000${1000 + round}`;
    case 'date':
      return c.month ? `202${round}-0${round + 3}` : `202${round}-0${round + 3}-1${round}`;
    case 'dict': {
      const offered = dicts.filter((d) => d.dict === c.dict && d.code !== now && (!c.offered || c.offered.includes(d.code)));
      return offered[round % offered.length]!.code;
    }
    default:
      return `${c.label}第${round}次`;
  }
}

/** The same value as a person types it into the file. */
function typed(c: FieldDef, v: CellValue, dicts: DictEntry[]): string | number {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (c.type === 'dict') return dicts.find((d) => d.dict === c.dict && d.code === v)!.label;
  if (c.type === 'date' && c.month) return `${String(v).slice(0, 4)}年${Number(String(v).slice(5, 7))}月`;
  return v as string | number;
}

describe('the branch ledger, from one definition', () => {
  let core: Core;
  let dir: string;
  let dicts: DictEntry[];
  let town: { id: number; name: string };
  // Every column the definition stores, but the name (it identifies the row) and the kind (党支部 or 党总支 only).
  const stored = ledgerColumns.filter((c) => isStored(c) && c.editable && c.field !== 'name' && c.field !== 'kind');
  const rowOf = async (year: number, orgId: number): Promise<LedgerRow> =>
    (await core.call('ledger.list', { year, scopeOrgId: town.id })).rows.find((r) => r.orgId === orgId)!;

  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
    dicts = await core.call('dict.list', {});
    const root = (await core.call('org.children', { parentId: null })).nodes[0]!;
    const banner = (await core.call('org.children', { parentId: root.id })).nodes[0]!;
    town = (await core.call('org.children', { parentId: banner.id })).nodes[0]!;
  });
  afterAll(() => core.close());

  it('lists, and copies into the next year, every column the definition stores (a year’s own notes stay behind)', async () => {
    const before = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows[0]!;
    const values = Object.fromEntries(stored.map((c) => [c.field, another(c, before[c.field as keyof LedgerRow] as CellValue, dicts, 1)]));
    const edit = await core.call('ledger.edit', { changes: stored.map((c) => ({ id: before.id, field: c.field, value: values[c.field]! })), source: 'typed' });
    expect(edit.problems).toEqual([]);
    const listed = await rowOf(2026, before.orgId);
    for (const c of stored) expect(listed[c.field as keyof LedgerRow], c.label).toEqual(values[c.field]);

    await core.call('ledger.copyYear', { from: 2026, to: 2027 });
    const copied = await rowOf(2027, before.orgId);
    for (const c of stored) expect(copied[c.field as keyof LedgerRow], c.label).toEqual(c.yearly ? null : values[c.field]);
  });

  it('imports every column a person may change, from an export filled in by openpyxl', async () => {
    const template = findTemplate('branch-ledger')!;
    const columns = template.sheets[0]!.columns;
    const importable = ledgerColumns.filter(isImportable);
    // The template prints every importable column (an office cannot return what it was not sent).
    expect(importable.filter((c) => !columns.some((t) => t.field === c.field)).map((c) => c.label)).toEqual([]);

    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '一张表.xlsx' });
    await core.call('export.run', { templateId: template.id, scope: { year: 2026, scopeOrgId: town.id }, path: file! });
    const held = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows[0]!;
    const values = Object.fromEntries(importable.map((c) => [c.field, another(c, held[c.field as keyof LedgerRow] as CellValue, dicts, 2)]));
    const cells = importable.map((c) => [columns.findIndex((t) => t.field === c.field) + 1, typed(c, values[c.field]!, dicts)]);
    const returned = path.join(dir, '填报.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for column, value in json.loads(sys.argv[2]): ws.cell(6, column).value = value
wb.save(sys.argv[3])
`, file!, JSON.stringify(cells), returned]);

    core.grants.read(returned);
    const preview = await core.call('import.open', { path: returned });
    const row = preview.rows.find((r) => r.match?.ledgerId === held.id)!;
    expect(row.diffs.filter((d) => d.status === 'change').map((d) => d.field).sort()).toEqual(importable.map((c) => c.field).sort());
    await core.call('import.commit', { sessionId: preview.sessionId });
    const now = await rowOf(2026, held.orgId);
    for (const c of importable) expect(now[c.field as keyof LedgerRow], c.label).toEqual(values[c.field]);
  });
});
