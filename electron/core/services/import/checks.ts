/**
 * What follows from the matched and judged rows: each row's status, the conflicts a person
 * must decide, a row listed twice with other values held back with its first listing, and
 * the rows sent (or held) that the file does not list. Pure, and the same for any table.
 */
import type { DictEntry, ImportRowView } from '../../../../shared/contract/types.ts';
import { shownValue, type CellValue } from '../../../../shared/domain/fields.ts';
import type { TemplateColumn } from '../../../../shared/templates/types.ts';
import { chinaTime } from './fileDate.ts';
import type { ImportProblem } from './recognise.ts';

/** A matched row's status from its cells. An error outranks a near name: accepting such a row confirms the match and overrides its errors at once. */
export function matchedStatus(row: Pick<ImportRowView, 'diffs' | 'match'>): ImportRowView['status'] {
  const active = row.diffs.filter((d) => d.status !== 'kept');
  if (active.some((d) => d.status === 'error')) return 'error';
  if (row.match?.by === 'fuzzy') return 'fuzzy';
  if (active.some((d) => d.status === 'conflict')) return 'conflict';
  return active.length ? 'changed' : 'unchanged';
}

/** Cells named in a message: the first five, and 等 for the rest. */
export function someCells(cells: readonly string[]): string {
  return `${cells.slice(0, 5).join('、')}${cells.length > 5 ? ' 等' : ''}`;
}

/** Each conflict said at its cell, with both values as a person reads them. */
export function conflictProblems(sheet: string, rows: readonly ImportRowView[], columns: readonly TemplateColumn[], dicts: readonly DictEntry[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    for (const d of row.diffs) {
      if (d.status !== 'conflict') continue;
      const col = columns.find((c) => c.field === d.field);
      const show = (v: CellValue | null | undefined) => shownValue(col, v, dicts);
      const header = col?.header ?? d.field;
      // A file without our manifest, made before our value: both values with their dates.
      const message = d.dates
        ? `${header}：本地于 ${chinaTime(d.dates.held)} 改为“${show(d.current)}”，晚于这份文件的${d.dates.fileBy === 'filled' ? '填报日期' : '保存时间'}（${d.dates.file}），文件中为“${show(d.value)}”。旧文件不会自动覆盖较新的值，请选择保留哪一个。`
        : `${header}：导出后本地改为“${show(d.current)}”，报送单位改为“${show(d.value)}”，请选择保留哪一个。`;
      problems.push({ severity: 'warning', sheet, cell: d.cell, message });
    }
  }
  return problems;
}

/** A row listed twice with other values: which would win? (a stale copy above the right row is common) Its first listing waits too. */
export function holdBackTwins(rows: readonly ImportRowView[], twins: readonly { first: number; second: number }[]): void {
  for (const { first, second } of twins) {
    const row = rows.find((x) => x.sourceRow === first);
    if (!row || row.status === 'error') continue;
    row.status = 'error';
    row.messages.push(`与第 ${second} 行重复且内容不同，未导入`);
  }
}

/**
 * Rows the file does not list: for a returned export, the rows sent and not returned; for a
 * hand-made file, the rows held where its rows were looked for (their townships) and not matched.
 */
export function missingRows<H extends { id: number }>(rows: readonly ImportRowView[], sent: readonly (H | undefined)[] | null, lookedIn: readonly H[]): H[] {
  const matched = new Set(rows.map((r) => r.match?.ledgerId));
  return (sent ?? lookedIn).filter((h): h is H => h !== undefined && !matched.has(h.id));
}
