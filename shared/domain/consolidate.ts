/**
 * Consolidation (汇总): the superior's tables made from the subordinate units' figures, one row per
 * unit directly below ours, with 合计. Each row says where its figures come from (the unit's
 * accepted return, a return not yet accepted, or our own data for a unit that returned nothing),
 * each figure can be traced to the rows it counts, and a run is compared with what was last
 * reported up. The rules here are pure: the core counts, the page and the CLI show.
 */
import { returnStateLabels, type ReturnState } from './reportReturns.ts';

/**
 * The tables a consolidation makes, one template each: a superior asks for each table by its
 * own notice and 附件 number, signs and stamps each, and tracks each return by its template, so
 * each goes up as its own file.
 */
export const consolidationTemplateIds = ['org-summary', 'liaison-summary', 'key-shares', 'problem-closure'] as const;
export type ConsolidationTemplateId = (typeof consolidationTemplateIds)[number];

export function isConsolidationTemplate(id: string): id is ConsolidationTemplateId {
  return (consolidationTemplateIds as readonly string[]).includes(id);
}

/**
 * Where a row's figures come from. accepted: every return behind it is 已采纳; pending: a return
 * came in and is not yet accepted (已报送 / 已审核: 待审核); sentBack: a return was sent back for
 * correction (退回修改中: the figures held are the last round's); own: nothing came back, the
 * figures are what we hold ourselves.
 */
export type SourceStatus = 'accepted' | 'pending' | 'sentBack' | 'own';

export const sourceStatusLabels: Record<SourceStatus, string> = {
  accepted: '已采纳',
  pending: '待审核',
  sentBack: '退回修改中',
  own: '本级数据',
};

/** How a return's state counts for its figures: not yet in (unsent, sent) is our own data. */
export function statusOfReturn(state: ReturnState): SourceStatus {
  switch (state) {
    case 'accepted':
      return 'accepted';
    case 'returned':
    case 'reviewed':
      return 'pending';
    case 'sent_back':
      return 'sentBack';
    default:
      return 'own';
  }
}

/** A row's status from its returns: the least settled of those that came in; own when none did. */
export function rowStatus(states: readonly ReturnState[]): SourceStatus {
  const came = states.map(statusOfReturn).filter((s) => s !== 'own');
  if (came.length === 0) return 'own';
  if (came.includes('sentBack')) return 'sentBack';
  if (came.includes('pending')) return 'pending';
  return 'accepted';
}

export interface ConsolidationReturn {
  templateId: string;
  /** The template's name as people say it: 党支部分类台账. */
  templateTitle: string;
  state: ReturnState;
  stateLabel: string;
  round: number;
  fileName: string | null;
  returnedAt: string | null;
  /** When it was last accepted (null unless it stands accepted). */
  acceptedAt: string | null;
  /**
   * When it was reopened after its file came in (null if not since): changes made here while it
   * was open count in the figures too, so the file is not all that stands behind them.
   */
  reopenedAt: string | null;
  importBatchId: string | null;
}

export function returnLabel(r: Pick<ConsolidationReturn, 'state'>): string {
  return returnStateLabels[r.state];
}

export interface RowSource {
  status: SourceStatus;
  label: string;
  /** The returns of the tables behind the row (those the unit was sent or returned). */
  returns: ConsolidationReturn[];
  /** The tables behind the row that nothing came back for: their figures are our own data. */
  own: string[];
}

export interface ConsolidationColumn {
  field: string;
  header: string;
  group: string | null;
  type: 'integer' | 'percent';
  /** How the figure is counted, in words (the trace drawer and the table's note say it). */
  rule: string;
}

export type Figures = Record<string, number | null>;

export interface ConsolidationRow {
  unitId: number;
  unitName: string;
  code: string | null;
  values: Figures;
  source: RowSource;
}

export interface FigureChange {
  /** Null for the 合计 row. */
  unitId: number | null;
  unitName: string;
  field: string;
  column: string;
  reported: number | null;
  now: number | null;
  /** now − reported (a rate's in its own units: 0.012 is 1.2 percentage points); null when either is missing. */
  difference: number | null;
}

export interface ReportedInfo {
  id: number;
  reportedAt: string;
  actor: string;
  fileName: string;
  fileHash: string;
}

export interface Consolidation {
  templateId: string;
  title: string;
  year: number;
  unit: { id: number; name: string; code: string | null };
  columns: ConsolidationColumn[];
  rows: ConsolidationRow[];
  totals: Figures;
  /** The lines printed under the table: how the shares are counted, and which rows are not yet settled. */
  notes: string[];
  /** The last report up of this table, period and unit; null when never reported. */
  lastReport: ReportedInfo | null;
  /** Every figure that differs from the last report (none listed when equal). */
  changes: FigureChange[];
}

export interface ConsolidationExport {
  reportId: number;
  file: string;
  fileName: string;
  fileHash: string;
  reportedAt: string;
  /** The figures as written, and how they compare with the report before this one. */
  consolidation: Consolidation;
}

export interface TraceItem {
  /** What the row is: 党支部, 联系点, 工作记录, 领办实事项目, 问题, 领导干部. */
  kind: string;
  id: number;
  name: string;
  /** Where it sits: its township, its leader and branch. */
  place: string;
  /** The values counted, in words: 等次：先进, 正式党员 23 名. */
  detail: string;
  /** What it adds to the figure (1 for a count); for a rate, whether it is in the numerator. */
  value: number;
  inNumerator?: boolean;
}

export interface FigureTrace {
  templateId: string;
  year: number;
  unitId: number;
  rowUnit: { id: number; name: string };
  field: string;
  column: string;
  rule: string;
  figure: number | null;
  /** The rows behind the figure (for a rate: the denominator's, each marked whether in the numerator). */
  items: TraceItem[];
  /** The returns behind the figure, per table and unit; empty: our own data (or a 合计 of all rows). */
  returns: (ConsolidationReturn & { unitName: string })[];
  /** Tables behind the figure nothing came back for (their figures are ours). */
  own: string[];
}

function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) < 1e-9;
}

/**
 * Every figure that differs between what was reported and now: per unit (by id) and column, and
 * the 合计 row. A unit reported and gone, or new since, shows its figures against null.
 */
export function figureChanges(
  columns: readonly Pick<ConsolidationColumn, 'field' | 'header' | 'group'>[],
  reported: { rows: readonly { unitId: number; unitName: string; values: Figures }[]; totals: Figures },
  now: { rows: readonly { unitId: number; unitName: string; values: Figures }[]; totals: Figures },
): FigureChange[] {
  const out: FigureChange[] = [];
  const before = new Map(reported.rows.map((r) => [r.unitId, r]));
  const after = new Map(now.rows.map((r) => [r.unitId, r]));
  const units = [...now.rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName })), ...reported.rows.filter((r) => !after.has(r.unitId))];
  const compare = (unitId: number | null, unitName: string, was: Figures | undefined, is: Figures | undefined) => {
    for (const c of columns) {
      const a = was?.[c.field] ?? null;
      const b = is?.[c.field] ?? null;
      if (sameFigure(a, b)) continue;
      out.push({ unitId, unitName, field: c.field, column: c.group ? `${c.group}·${c.header}` : c.header, reported: a, now: b, difference: a === null || b === null ? null : b - a });
    }
  };
  for (const u of units) compare(u.unitId, u.unitName, before.get(u.unitId)?.values, after.get(u.unitId)?.values);
  compare(null, '合计', reported.totals, now.totals);
  return out;
}

/** A figure as the page and the messages print it: 53.3% for a rate, 12 for a count, — for none. */
export function figureText(type: 'integer' | 'percent', v: number | null): string {
  if (v === null) return '—';
  return type === 'percent' ? `${(v * 100).toFixed(1)}%` : String(v);
}

/** A difference in words: +2, −1, +1.2 个百分点. */
export function differenceText(type: 'integer' | 'percent', d: number | null): string {
  if (d === null) return '—';
  const sign = d > 0 ? '+' : d < 0 ? '−' : '';
  return type === 'percent' ? `${sign}${Math.abs(d * 100).toFixed(1)} 个百分点` : `${sign}${Math.abs(d)}`;
}
