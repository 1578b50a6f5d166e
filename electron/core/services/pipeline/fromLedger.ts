/**
 * A returned or hand-made ledger's 最强党支部 column, against the pipeline. The column is derived,
 * never typed twice, so the file's value is not stored: a branch the file puts further along than its
 * pipeline gets the missing stage records, each passed, with the reason 按导入台账补录 (said in the
 * preview, done in the import's change set, undone with it); a value that disagrees otherwise (behind
 * the pipeline, 未通过, a stage not passed here) is reported in Chinese with its cell and not imported.
 */
import type { DictEntry, EditProblem, ImportRowView } from '../../../../shared/contract/types.ts';
import { compareStatus, ledgerFillReason, stageLabels, type StatusComparison } from '../../../../shared/domain/evaluation.ts';
import { shownValue } from '../../../../shared/domain/fields.ts';
import { ledgerColumnByField } from '../../../../shared/domain/ledger.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { ledgerRowsById } from '../../repos/ledger.ts';
import { recordsOf, topOf } from '../../repos/pipeline.ts';
import type { ServiceContext } from '../context.ts';
import type { LedgerChange } from '../ledger/edit.ts';
import { fillStages } from './index.ts';

const field = 'strongestStatus';
const column = ledgerColumnByField.get(field)!;

function said(value: unknown, dicts: readonly DictEntry[]): string {
  return value === null || value === undefined || value === '' ? '空白' : shownValue(column, value, [...dicts]);
}

/** What the commit will do with a file's value, in words for the preview (null: nothing to say). */
export function statusWord(comparison: StatusComparison, written: unknown, dicts: readonly DictEntry[]): string | null {
  if (comparison.kind === 'same') return null;
  if (comparison.kind === 'ahead') {
    return `“${column.label}”为“${said(written, dicts)}”，评定流程中缺少${comparison.stages.map((s) => `“${stageLabels[s]}”`).join('、')}的记录：提交时按导入台账补录（理由：${ledgerFillReason}）。`;
  }
  return `“${column.label}”为“${said(written, dicts)}”，与评定流程（${said(comparison.held, dicts)}）不一致，不导入；如需调整，请在“最强党支部”页面推进或退回。`;
}

/** The preview's words on each row whose 最强党支部 differs from the pipeline: where, and what the commit will do. */
export function statusProblems(ctx: ServiceContext, year: number, rows: readonly ImportRowView[], dicts: readonly DictEntry[], sheet: string): { severity: 'warning'; sheet: string; cell: string; message: string }[] {
  const diffs = rows.flatMap((r) => {
    const d = r.diffs.find((x) => x.field === field && x.status !== 'error' && x.value !== x.current);
    return d && r.match ? [{ orgId: r.match.orgId, name: r.match.name, d }] : [];
  });
  const records = recordsOf(ctx.conn.sqlite, year, diffs.map((x) => x.orgId));
  return diffs.flatMap(({ orgId, name, d }) => {
    const word = statusWord(compareStatus(topOf(records.get(orgId)), String(d.value ?? '')), d.value, dicts);
    return word ? [{ severity: 'warning' as const, sheet, cell: d.cell, message: `“${name}”：${word}` }] : [];
  });
}

/**
 * At the commit, inside its change set: the 最强党支部 cells taken off the ledger's changes and
 * applied to the pipeline as the preview said. Returns the ledger's other changes, and a problem
 * for each value not imported (by its ledger row and field, as the ledger's write path reports).
 */
export function applyLedgerStatuses(ctx: ServiceContext, cs: ChangeSet, changes: readonly LedgerChange[], dicts: readonly DictEntry[]): { changes: LedgerChange[]; problems: EditProblem[] } {
  // A text no entry of the dictionary means is not a stage: the ledger keeps it, red, as written.
  const codes = new Set(dicts.filter((e) => e.dict === 'strongest_status').map((e) => e.code));
  const understood = (c: LedgerChange) => c.field === field && !(typeof c.value === 'string' && c.value.trim() !== '' && !codes.has(c.value));
  const statuses = changes.filter(understood);
  if (statuses.length === 0) return { changes: [...changes], problems: [] };
  const rows = new Map(ledgerRowsById(ctx.conn.sqlite, statuses.map((c) => c.id)).map((r) => [r.id, r]));
  const problems: EditProblem[] = [];
  for (const c of statuses) {
    const row = rows.get(c.id);
    if (!row) continue;
    const top = topOf(recordsOf(ctx.conn.sqlite, row.year, [row.org_id]).get(row.org_id));
    const comparison = compareStatus(top, String(c.value ?? ''));
    if (comparison.kind === 'ahead') fillStages(ctx, cs, row.org_id, row.year, comparison.stages, c.from);
    else if (comparison.kind === 'differs') problems.push({ id: c.id, field, message: `${row.name}：${statusWord(comparison, c.value, dicts)!}` });
  }
  return { changes: changes.filter((c) => !understood(c)), problems };
}
