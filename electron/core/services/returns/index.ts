/**
 * 报送情况: who has returned what. The states move only through moveReturn (repos/reportReturns.ts),
 * called inside the write of the operation that causes the move: a send-down (已下发), a returned
 * file opened (已报送), its import committed (已审核); and the board's own buttons: 采纳 (已采纳,
 * which locks the unit's figures, see lock.ts) and 重新打开 (back to 已审核, with a reason).
 */
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ImportPreview } from '../../../../shared/contract/types.ts';
import type { ReturnBoard, ReturnBoardRow, ReturnCell, ReturnEventView, ReturnOfFile } from '../../../../shared/contract/returnsBoard.ts';
import { canMove, isLocked, isOwing, returnStateLabels, returnStates, type ReturnState } from '../../../../shared/domain/reportReturns.ts';
import { findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import { getOrg, rootOrgId } from '../../repos/orgs.ts';
import {
  findReturn, findReturnById, moveReturn, returnEvents, returnKeyOfBatch, returnsOf, rosterUnits, setReturnDue, type ReturnKey, type ReturnRow,
} from '../../repos/reportReturns.ts';
import { today, type ServiceContext } from '../context.ts';
import { besideLedger } from '../ledger/list.ts';
import { lockedMessage } from './lock.ts';

const label = (s: string) => returnStateLabels[s as ReturnState] ?? s;

/** Whole days from one local date (YYYY-MM-DD) to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10))) / 86_400_000);
}

/** A local date of an ISO moment (the user's calendar day). */
function localDate(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Days late: while nothing came in, as of today; once a file came in, as of the day it came. */
export function daysLate(state: ReturnState, dueOn: string | null, returnedAt: string | null, todayDate: string): number | null {
  if (!dueOn) return null;
  const waiting = state === 'unsent' || state === 'sent' || state === 'sent_back';
  const until = waiting || !returnedAt ? todayDate : localDate(returnedAt);
  const late = daysBetween(dueOn, until);
  return late > 0 ? late : null;
}

function cellOf(row: ReturnRow | undefined, templateId: string, period: string, todayDate: string): ReturnCell {
  const state = (row?.state ?? 'unsent') as ReturnState;
  return {
    returnId: row?.id ?? null,
    templateId,
    period,
    state,
    stateLabel: returnStateLabels[state],
    round: row?.round ?? 0,
    exportBatchId: row?.export_batch_id ?? null,
    sentAt: row?.sent_at ?? null,
    importBatchId: row?.import_batch_id ?? null,
    fileName: row?.file_name ?? null,
    returnedAt: row?.returned_at ?? null,
    returnedBy: row?.returned_by ?? null,
    dueOn: row?.due_on ?? null,
    daysLate: daysLate(state, row?.due_on ?? null, row?.returned_at ?? null, todayDate),
    locked: isLocked(state),
  };
}

export interface BoardArgs {
  templateIds: string[];
  periods: string[];
  scopeOrgId?: number;
  onDate?: string;
}

/** The units × (template, period) board, with the counts per state; units with a return but off the roster are kept. */
export function returnBoard(ctx: ServiceContext, args: BoardArgs): ReturnBoard {
  const { sqlite } = ctx.conn;
  const scopeId = args.scopeOrgId ?? rootOrgId(sqlite);
  const scope = scopeId === undefined ? undefined : getOrg(sqlite, scopeId);
  if (!scope) throw new AppError('NOT_FOUND', args.scopeOrgId === undefined ? '组织机构还是空的，没有报送情况可看。' : `找不到编号为 ${args.scopeOrgId} 的党组织，请刷新后重试。`);
  for (const id of args.templateIds) {
    const t = findTemplate(id);
    if (!t) throw new AppError('NOT_FOUND', `没有编号为“${id}”的报表模板。`);
    if (!t.returnable) throw new AppError('INVALID_ARGS', `“${plainTitle(t)}”是汇总表，不下发填报，没有报送情况。`);
  }
  const todayDate = today(ctx);
  const onDate = args.onDate ?? todayDate;
  const columns = args.periods.flatMap((period) => args.templateIds.map((templateId) => ({ templateId, period, title: plainTitle(findTemplate(templateId)!) })));
  const roster = rosterUnits(sqlite, scope.id, onDate);
  const onRoster = new Set(roster.map((u) => u.id));
  const held = returnsOf(sqlite, args.templateIds, args.periods);
  const byCell = new Map(held.map((r) => [`${r.unit_org_id}|${r.template_id}|${r.period}`, r]));
  // A unit that returned something to this scope but is not expected today (closed, or moved away) stays on the board.
  const offRoster = new Map<number, { id: number; name: string; code: string | null; sort: number; nameSort: string }>();
  for (const r of held) {
    if (onRoster.has(r.unit_org_id) || offRoster.has(r.unit_org_id)) continue;
    if (r.unit_parent_id === scope.id || r.unit_path.startsWith(scope.path) && r.unit_path !== scope.path) {
      offRoster.set(r.unit_org_id, { id: r.unit_org_id, name: r.unit_name, code: r.unit_code, sort: r.unit_sort, nameSort: r.unit_name_sort });
    }
  }
  const units = [
    ...roster.map((u) => ({ id: u.id, name: u.name, code: u.code, onRoster: true })),
    ...[...offRoster.values()].sort((a, b) => a.sort - b.sort || (a.nameSort < b.nameSort ? -1 : 1)).map((u) => ({ id: u.id, name: u.name, code: u.code, onRoster: false })),
  ];
  const counts = { ...(Object.fromEntries(returnStates.map((s) => [s, 0])) as Record<ReturnState, number>), late: 0, lateOwing: 0 };
  const rows: ReturnBoardRow[] = units.map((u) => {
    const cells = columns.map((c) => cellOf(byCell.get(`${u.id}|${c.templateId}|${c.period}`), c.templateId, c.period, todayDate));
    for (const c of cells) {
      counts[c.state]++;
      if (c.daysLate !== null) counts.late++;
      if (c.daysLate !== null && isOwing(c.state)) counts.lateOwing++;
    }
    return { unitOrgId: u.id, unitName: u.name, unitCode: u.code, onRoster: u.onRoster, cells };
  });
  return { scope: { id: scope.id, name: scope.name }, onDate, today: todayDate, columns, rows, counts };
}

function returnOrThrow(ctx: ServiceContext, returnId: number): ReturnRow {
  const row = findReturnById(ctx.conn.sqlite, returnId);
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${returnId} 的报送记录，请刷新“报送情况”后重试。`);
  return row;
}

const keyOf = (row: ReturnRow): ReturnKey => ({ templateId: row.template_id, period: row.period, unitOrgId: row.unit_org_id });

/** 采纳: the return is taken as the unit's figures for the period, and locks them. */
export function acceptReturn(ctx: ServiceContext, args: { returnId: number; reason?: string }): ReturnCell {
  const row = returnOrThrow(ctx, args.returnId);
  const moved = besideLedger(ctx, ctx.conn.writeTransaction(() => moveReturn(ctx.conn.sqlite, keyOf(row), { to: 'accepted', actor: ctx.actor, at: ctx.now().toISOString(), reason: args.reason ?? null })));
  ctx.events.emit('data.changed', { entity: 'report_return' });
  return cellOf(moved, moved.template_id, moved.period, today(ctx));
}

/** 重新打开: an accepted return back to 已审核, with the reason; its figures may be changed again. */
export function reopenReturn(ctx: ServiceContext, args: { returnId: number; reason: string }): ReturnCell {
  const row = returnOrThrow(ctx, args.returnId);
  if (row.state !== 'accepted') throw new AppError('CONFLICT', `该单位的报表当前为“${label(row.state)}”，没有采纳，无需重新打开。`);
  const moved = besideLedger(ctx, ctx.conn.writeTransaction(() => moveReturn(ctx.conn.sqlite, keyOf(row), { to: 'reviewed', actor: ctx.actor, at: ctx.now().toISOString(), reason: args.reason })));
  ctx.events.emit('data.changed', { entity: 'report_return' });
  return cellOf(moved, moved.template_id, moved.period, today(ctx));
}

/** Sets (or clears) the deadline of a template and period for some units; each must have been sent down. */
export function setReturnDeadline(ctx: ServiceContext, args: { templateId: string; period: string; unitOrgIds: number[]; dueOn: string | null }): { changed: number } {
  const { sqlite } = ctx.conn;
  const rows = args.unitOrgIds.map((unitOrgId) => {
    const row = findReturn(sqlite, { templateId: args.templateId, period: args.period, unitOrgId });
    if (!row) throw new AppError('CONFLICT', `“${getOrg(sqlite, unitOrgId)?.name ?? unitOrgId}”的这张表尚未下发，不能设截止日期。请先下发，或在下发时填写截止日期。`);
    return row;
  });
  const at = ctx.now().toISOString();
  besideLedger(ctx, ctx.conn.writeTransaction(() => {
    for (const row of rows) if (row.due_on !== args.dueOn) setReturnDue(sqlite, row.id, args.dueOn, ctx.actor, at);
  }));
  ctx.events.emit('data.changed', { entity: 'report_return' });
  return { changed: rows.filter((r) => r.due_on !== args.dueOn).length };
}

export function returnHistory(ctx: ServiceContext, returnId: number): ReturnEventView[] {
  returnOrThrow(ctx, returnId);
  return returnEvents(ctx.conn.sqlite, returnId).map((e) => ({
    at: e.at,
    actor: e.actor,
    from: e.from_state === null ? null : label(e.from_state),
    to: label(e.to_state),
    round: e.round,
    reason: e.reason,
    fileName: e.file_name,
  }));
}

/** export.sendDown's part: the unit's return of the template for the year is 已下发 by this batch (inside its write). */
export function noteSent(ctx: ServiceContext, key: ReturnKey, exportBatchId: string, dueOn: string | null | undefined): void {
  const row = findReturn(ctx.conn.sqlite, key);
  const from = (row?.state ?? 'unsent') as ReturnState;
  // A unit whose return is further on (returned, accepted) is sent the file again without going back.
  if (!canMove(from, 'sent')) return;
  moveReturn(ctx.conn.sqlite, key, { to: 'sent', actor: ctx.actor, at: ctx.now().toISOString(), exportBatchId, ...(dueOn !== undefined ? { dueOn } : {}) });
}

function ofFile(row: ReturnRow, note: string | null): ReturnOfFile {
  const t = findTemplate(row.template_id);
  return {
    returnId: row.id,
    unitOrgId: row.unit_org_id,
    unitName: '',
    senderOrgId: null,
    templateId: row.template_id,
    templateTitle: t ? plainTitle(t) : row.template_id,
    period: row.period,
    state: row.state as ReturnState,
    stateLabel: label(row.state),
    round: row.round,
    note,
  };
}

/**
 * import.open's part: a file whose manifest's batch was sent down from here is that unit's
 * return, 已报送 (a new round). The same file as the current round opened again is not a new
 * return; a file for an accepted return is read but changes nothing until it is reopened.
 */
export function noteReturned(ctx: ServiceContext, preview: ImportPreview, exportBatchId: string | undefined, filePath: string): void {
  const { sqlite } = ctx.conn;
  const key = exportBatchId ? returnKeyOfBatch(sqlite, exportBatchId) : null;
  if (!key) return;
  const row = findReturn(sqlite, key);
  const from = (row?.state ?? 'unsent') as ReturnState;
  const unit = getOrg(sqlite, key.unitOrgId);
  const unitName = unit?.name ?? '';
  let report: ReturnOfFile;
  // A file opened before is the report it was then, not a new one: the latest (the same report),
  // or an earlier round's, picked again by mistake (which had put a reviewed unit back to 已报送).
  // Once the round was sent back, the same file again is the unit's new answer, unchanged.
  const earlier = row && from !== 'sent' && from !== 'sent_back' ? earlierRoundOf(sqlite, row, preview.file.hash) : null;
  if (earlier !== null) {
    report = ofFile(row!, earlier === row!.round ? '这份文件此前已打开过，仍算同一次报送。' : `这份文件是第 ${earlier} 轮报送的文件，此前已打开过，未记为新的报送；当前为第 ${row!.round} 轮“${label(from)}”。`);
  } else if (!canMove(from, 'returned')) {
    report = ofFile(row!, isLocked(from) ? lockedMessage(unitName, key.templateId, key.period) : `当前为“${label(from)}”，未记为新的报送。`);
  } else {
    const moved = besideLedger(ctx, ctx.conn.writeTransaction(() =>
      moveReturn(sqlite, key, { to: 'returned', actor: ctx.actor, at: ctx.now().toISOString(), fileName: preview.file.name, fileHash: preview.file.hash, filePath }),
    ));
    ctx.events.emit('data.changed', { entity: 'report_return' });
    report = ofFile(moved, null);
  }
  preview.report = { ...report, unitName, senderOrgId: unit?.parent_id ?? null };
}

/** The round in which this file (by its hash) was reported, if it was: the latest file's round, or an earlier one's. */
function earlierRoundOf(sqlite: SQLite.Database, row: ReturnRow, hash: string): number | null {
  if (row.file_hash === hash) return row.round;
  const reported = returnEvents(sqlite, row.id).filter((e) => e.to_state === 'returned' && e.file_hash === hash);
  return reported.length ? reported[reported.length - 1]!.round : null;
}

/** import.commit's part (inside its write, after its batch is kept): the return is 已审核; an accepted one is refused. */
export function noteReviewed(ctx: ServiceContext, preview: ImportPreview, importBatchId: string): void {
  if (!preview.report) return;
  const key = { templateId: preview.report.templateId, period: preview.report.period, unitOrgId: preview.report.unitOrgId };
  const row = findReturn(ctx.conn.sqlite, key);
  const from = (row?.state ?? 'unsent') as ReturnState;
  if (isLocked(from)) throw new AppError('CONFLICT', lockedMessage(preview.report.unitName, key.templateId, key.period));
  if (!canMove(from, 'reviewed')) return;
  moveReturn(ctx.conn.sqlite, key, { to: 'reviewed', actor: ctx.actor, at: ctx.now().toISOString(), importBatchId });
}
