/**
 * The rows an official table is filled from, by the template sheet's source: the
 * ledger, the record tables, the evaluation path of each branch, or a summary per
 * subordinate unit. Each row carries its stable id, written into the file so that a
 * returned copy is matched row by row.
 */
import { chaseRows } from '../returns/chase.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { InvalidValue, LedgerRow, RecordRow } from '../../../../shared/contract/types.ts';
import { evaluationPathCells } from '../../../../shared/domain/evaluation.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import type { SourceId } from '../../../../shared/templates/types.ts';
import { orgPath } from '../../repos/ledger.ts';
import { branchPathsUnder, childUnits, getOrg, orgUids, rootOrgId } from '../../repos/orgs.ts';
import type { ServiceContext } from '../context.ts';
import { ledgerRowsInOrder, ledgerUidOf, listLedger } from '../ledger/list.ts';
import { readRecords } from '../records/list.ts';
import { reminderTalks } from '../ranking/index.ts';
import { consolidationSourceRows } from '../consolidate/index.ts';
import { liaisonBehind } from '../liaison/index.ts';

export interface SourceRow {
  entity: string;
  id: number;
  uid: string;
  values: Record<string, CellValue>;
  /** Values kept but not understood (red in the grid): written as typed, and listed before writing. */
  invalid?: Record<string, InvalidValue> | null;
  /** How a person finds the row in a message: its branch or leader. */
  label?: string;
  /** A summary row's red cells of the branches it counts: not in its figures, and said before writing. */
  leftOut?: { label: string; field: string; raw: string; message: string }[];
}

export interface SourceScope {
  year: number;
  /** A unit of the tree: its subtree's rows (a summary: one row per unit under it). */
  scopeOrgId?: number;
  /** Ledger filters, as the ledger grid's. */
  filter?: { grade?: string[]; field?: string[]; standardised?: boolean | null; text?: string };
  /** Exactly these rows, in this order (the rows of the current grid view). */
  rowIds?: number[];
}

function pick<T extends { id: number }>(rows: T[], ids: number[] | undefined): T[] {
  if (!ids) return rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}

function ledgerRows(ctx: ServiceContext, scope: SourceScope): LedgerRow[] {
  if (scope.rowIds && !scope.filter && scope.scopeOrgId === undefined) return ledgerRowsInOrder(ctx, scope.year, scope.rowIds);
  const rows = listLedger(ctx, {
    year: scope.year,
    ...(scope.scopeOrgId !== undefined ? { scopeOrgId: scope.scopeOrgId } : {}),
    ...(scope.filter ? { filter: scope.filter } : {}),
  }).rows;
  return pick(rows, scope.rowIds);
}

const branchLabel = (r: LedgerRow) => (r.township ? `${r.township} ${r.name}` : r.name);

function records(ctx: ServiceContext, table: 'liaison' | 'visit' | 'project' | 'problem', scope: SourceScope): SourceRow[] {
  const path = scope.scopeOrgId === undefined ? undefined : (orgPath(ctx.conn.sqlite, scope.scopeOrgId) ?? undefined);
  const rows: RecordRow[] = readRecords(ctx, table, { year: scope.year, ...(path !== undefined ? { scopePath: path } : {}) });
  const entity = table === 'visit' ? 'liaison_visit' : table;
  const label = (r: RecordRow) => [r.values.leaderName, r.values.branchName ?? r.values.unitName ?? r.values.name].filter(Boolean).join(' → ');
  return pick(rows, scope.rowIds).map((r) => ({ entity, id: r.id, uid: r.uid, values: r.values, invalid: r.invalid, label: label(r) }));
}

/** One row per branch on the "strongest branch" path: its evaluation records side by side (red values as typed). */
function evaluationPath(ctx: ServiceContext, scope: SourceScope): SourceRow[] {
  const path = scope.scopeOrgId === undefined ? undefined : (orgPath(ctx.conn.sqlite, scope.scopeOrgId) ?? undefined);
  const evaluations = readRecords(ctx, 'evaluation', { year: scope.year, ...(path !== undefined ? { scopePath: path } : {}) });
  const byOrg = new Map<number, RecordRow[]>();
  for (const e of evaluations) byOrg.set(Number(e.values.orgId), [...(byOrg.get(Number(e.values.orgId)) ?? []), e]);
  const ledger = ledgerRows(ctx, { year: scope.year, ...(scope.scopeOrgId !== undefined ? { scopeOrgId: scope.scopeOrgId } : {}) }).filter((r) => byOrg.has(r.orgId));
  const uids = orgUids(ctx.conn.sqlite, ledger.map((r) => r.orgId));
  const cells = Object.entries(evaluationPathCells);
  const rows = ledger.map((l) => {
    const values: Record<string, CellValue> = { township: l.township, name: l.name, field: l.field, strongestStatus: l.strongestStatus, drawn: false };
    const invalid: Record<string, InvalidValue> = {};
    for (const e of byOrg.get(l.orgId)!) {
      if (e.values.supersededAt) continue; // history of a send-back: the row shows the stages as they stand
      for (const [cell, { stage, field }] of cells) {
        if (stage !== e.values.stage) continue;
        values[cell] = e.values[field] ?? null;
        const red = e.invalid?.[field];
        if (red) invalid[cell] = red;
      }
      // 是否抽中: the year's standing draw picked it (a branch named without being drawn has a city record too).
      if (e.values.drawn) values.drawn = true;
    }
    return { entity: 'org', id: l.orgId, uid: uids.get(l.orgId)!, values, invalid: Object.keys(invalid).length ? invalid : null, label: branchLabel(l) };
  });
  return pick(rows, scope.rowIds);
}

/** One row per unit directly under the scope (banners of a city, townships of a banner). */
function orgSummary(ctx: ServiceContext, scope: SourceScope): SourceRow[] {
  const { sqlite } = ctx.conn;
  const rootId = scope.scopeOrgId ?? rootOrgId(sqlite);
  const root = rootId === undefined ? undefined : getOrg(sqlite, rootId);
  if (!root) throw new AppError('NOT_FOUND', '还没有组织机构，无法汇总。');
  if (root.level === 'branch') throw new AppError('INVALID_ARGS', `“${root.name}”是党支部，请选择旗县区或苏木乡镇（街道）等上级单位来汇总。`);
  const units = childUnits(sqlite, root.id);
  const unitOf = (path: string) => units.find((u) => path.startsWith(u.path));
  const totals = new Map(units.map((u) => [u.id, { branches: 0, membersFormal: 0, membersProbationary: 0, advanced: 0, middle: 0, lagging: 0, standardised: 0, weakLax: 0, strongest: 0, liaisonPoints: 0, projects: 0 }]));
  const ledger = ledgerRows(ctx, { year: scope.year, scopeOrgId: root.id });
  const paths = branchPathsUnder(sqlite, root.path);
  const unitOfOrg = (orgId: number) => {
    const p = paths.get(orgId);
    return p === undefined ? undefined : unitOf(p);
  };
  const leftOut = new Map<number, NonNullable<SourceRow['leftOut']>>();
  for (const l of ledger) {
    const u = unitOfOrg(l.orgId);
    const t = u && totals.get(u.id);
    if (!t) continue;
    for (const [field, bad] of Object.entries(l.invalid ?? {})) {
      (leftOut.get(u.id) ?? leftOut.set(u.id, []).get(u.id)!).push({ label: branchLabel(l), field, raw: bad.raw, message: bad.message });
    }
    t.branches++;
    t.membersFormal += l.membersFormal ?? 0;
    t.membersProbationary += l.membersProbationary ?? 0;
    if (l.grade === 'advanced') t.advanced++;
    else if (l.grade === 'middle') t.middle++;
    else if (l.grade === 'lagging') t.lagging++;
    if (l.standardised) t.standardised++;
    if (l.weakLax) t.weakLax++;
    if (l.strongestStatus === 'city_assessed') t.strongest++;
  }
  for (const [table, key] of [['liaison', 'liaisonPoints'], ['project', 'projects']] as const) {
    for (const r of readRecords(ctx, table, { year: scope.year, scopePath: root.path })) {
      const u = unitOfOrg(Number(r.values.orgId));
      const t = u && totals.get(u.id);
      if (t) t[key]++;
    }
  }
  const rows = units.map((u) => {
    const t = totals.get(u.id)!;
    return {
      entity: 'org',
      id: u.id,
      uid: u.uid,
      values: { unit: u.name, ...t, members: t.membersFormal + t.membersProbationary, standardisedRate: t.branches ? t.standardised / t.branches : null },
      label: u.name,
      leftOut: leftOut.get(u.id) ?? [],
    };
  });
  return pick(rows, scope.rowIds);
}

/** The secretaries for a reminder talk, with the figures behind each (see services/ranking). */
function reminders(ctx: ServiceContext, scope: SourceScope): SourceRow[] {
  const list = reminderTalks(ctx, scope.year, scope.scopeOrgId);
  const uids = orgUids(ctx.conn.sqlite, list.rows.map((r) => r.orgId));
  const rows = list.rows.map((r) => ({
    entity: 'org',
    id: r.orgId,
    uid: uids.get(r.orgId)!,
    values: {
      township: r.township, name: r.name, secretary: r.secretary, previousSecretary: r.previousSecretary,
      previousScore: r.previousScore, previousPlace: `${r.previousRank}/${r.previousTotal}`, score: r.score, place: `${r.rank}/${r.total}`,
      checklist: r.parts.checklist, evaluation: r.parts.evaluation, problems: r.parts.problems, missing: r.missing.join('、') || null,
    },
    label: r.township ? `${r.township} ${r.name}` : r.name,
  }));
  return pick(rows, scope.rowIds);
}

/** The units still owing a table sent down for the year (see services/returns/chase.ts). */
function returnsChase(ctx: ServiceContext, scope: SourceScope): SourceRow[] {
  const rows = chaseRows(ctx, scope.year, scope.scopeOrgId);
  const uids = orgUids(ctx.conn.sqlite, rows.map((r) => r.unitOrgId));
  return rows.map((r) => ({ entity: 'org', id: r.unitOrgId, uid: uids.get(r.unitOrgId)!, values: r.values, label: String(r.values.unit) }));
}

export function sourceRows(ctx: ServiceContext, source: SourceId, scope: SourceScope): SourceRow[] {
  switch (source) {
    case 'ledger': {
      const rows = ledgerRows(ctx, scope);
      const uidOf = ledgerUidOf(ctx, scope.year);
      // The label only names a row with red cells in the list before writing: not made for the others.
      return rows.map((r) => ({ entity: 'branch_ledger', id: r.id, uid: uidOf(r.id)!, values: r as unknown as Record<string, CellValue>, invalid: r.invalid, label: r.invalid ? branchLabel(r) : '' }));
    }
    case 'liaison':
    case 'visit':
    case 'project':
    case 'problem':
      return records(ctx, source, scope);
    case 'evaluationPath':
      return evaluationPath(ctx, scope);
    case 'orgSummary':
      return orgSummary(ctx, scope);
    case 'reminders':
      return reminders(ctx, scope);
    // The consolidation tables (汇总): made as the 汇总上报 page makes them.
    case 'liaisonSummary':
      return pick(consolidationSourceRows(ctx, 'liaison-summary', scope.year, scope.scopeOrgId), scope.rowIds);
    case 'keyShares':
      return pick(consolidationSourceRows(ctx, 'key-shares', scope.year, scope.scopeOrgId), scope.rowIds);
    case 'problemClosure':
      return pick(consolidationSourceRows(ctx, 'problem-closure', scope.year, scope.scopeOrgId), scope.rowIds);
    case 'returnsChase':
      return pick(returnsChase(ctx, scope), scope.rowIds);
    // The points behind on their work records (see services/liaison): the reminder list.
    case 'visitsBehind':
      return pick(
        liaisonBehind(ctx, scope.year, scope.scopeOrgId).rows.map(({ liaisonId, uid, ...values }) => ({ entity: 'liaison', id: liaisonId, uid, values, label: `${values.leaderName} → ${values.branchName}` })),
        scope.rowIds,
      );
  }
}
