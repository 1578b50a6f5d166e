/**
 * Each branch's checklist per year: every standard that applies to it (active, for every field
 * or for its own), marked 达标 / 未达标 with a note, each mark dated and signed by the person
 * working (逐条销号); the share met per branch and per unit; and, in one step, a problem in the
 * branch's problem list for each unmet item that has none yet.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import {
  applies,
  checklistProblemSource,
  criterionProblemCategory,
  tallyOf,
  unmetProblemText,
  type BranchChecklist,
  type BranchShare,
  type ChecklistEntry,
  type ChecklistShares,
  type StrongCriterion,
  type UnitShare,
} from '../../../../shared/domain/standards.ts';
import { rowUid } from '../../repos/audit.ts';
import { childUnits, getOrg } from '../../repos/orgs.ts';
import { ourUnitId } from '../../repos/settings.ts';
import {
  branchesUnder,
  checklistItemsOf,
  insertChecklistItem,
  markCounts,
  standardsOfYear,
  unmetWithoutProblem,
  updateChecklistItem,
  type ChecklistColumns,
} from '../../repos/standards.ts';
import type { OrgRow } from '../../db/schema.ts';
import { today, type ServiceContext } from '../context.ts';
import { insertRecords } from '../records/add.ts';
import { criteriaOrder, numberedStandards } from './index.ts';

function mustBeBranch(ctx: ServiceContext, orgId: number): OrgRow {
  const org = getOrg(ctx.conn.sqlite, orgId);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${orgId} 的党组织，可能已被删除，请刷新后重新选择。`, { id: orgId });
  if (org.level !== 'branch') throw new AppError('CONFLICT', `“${org.name}”不是党支部（党总支），对标检查按党支部逐条进行，请选择它下面的党支部。`);
  return org;
}

/** The year's active standards numbered as the city's list numbers them, with those that apply to the branch. */
function standardsFor(ctx: ServiceContext, year: number, field: string | null) {
  const { sqlite } = ctx.conn;
  return numberedStandards(standardsOfYear(sqlite, year), criteriaOrder(sqlite)).filter((s) => applies(s, field));
}

export function branchChecklist(ctx: ServiceContext, args: { orgId: number; year: number }): BranchChecklist {
  const branch = mustBeBranch(ctx, args.orgId);
  const items = new Map(checklistItemsOf(ctx.conn.sqlite, branch.id, args.year).map((i) => [i.standard_id, i]));
  const entries: ChecklistEntry[] = standardsFor(ctx, args.year, branch.field).map((s) => {
    const item = items.get(s.id);
    return {
      standardId: s.id,
      number: s.number!,
      criterion: s.criterion,
      text: s.text,
      field: s.field,
      itemId: item?.id ?? null,
      met: item?.met === null || item?.met === undefined ? null : item.met === 1,
      note: item?.note ?? null,
      checkedOn: item?.checked_on ?? null,
      checkedBy: item?.checked_by ?? null,
      problemId: item?.problem_status ? item.problem_id : null,
      problemStatus: item?.problem_status ?? null,
    };
  });
  const met = entries.filter((e) => e.met === true).length;
  const unmet = entries.filter((e) => e.met === false).length;
  return { orgId: branch.id, name: branch.name, field: branch.field, year: args.year, entries, tally: tallyOf(entries.length, met, unmet) };
}

/**
 * Marks items of a branch's checklist: 达标 (crossed off), 未达标, or back to not checked, and
 * notes. A mark is dated today and signed by the person working (the name in 设置); all marks
 * of one call are one change set.
 */
export function markChecklist(ctx: ServiceContext, args: ParsedArgs<'checklist.mark'>): { changeSetId: string | null; checklist: BranchChecklist } {
  const { sqlite } = ctx.conn;
  const branch = mustBeBranch(ctx, args.orgId);
  if (branch.closed_on !== null && branch.closed_on <= `${args.year}-01-01`) {
    throw new AppError('CONFLICT', `“${branch.name}”已于 ${branch.closed_on} 撤销，不能再做 ${args.year} 年的对标检查。`);
  }
  const standards = new Map(standardsFor(ctx, args.year, branch.field).map((s) => [s.id, s]));
  const all = new Map(standardsOfYear(sqlite, args.year).map((s) => [s.id, s]));
  args.marks.forEach((m, i) => {
    if (standards.has(m.standardId)) return;
    const where = args.marks.length > 1 ? `第 ${i + 1} 项：` : '';
    const s = all.get(m.standardId);
    if (!s) throw new AppError('INVALID_ARGS', `${where}${args.year} 年的标准中没有编号为 ${m.standardId} 的一条，请刷新后重试。没有改动。`);
    if (s.active !== 1) throw new AppError('CONFLICT', `${where}标准“${s.text.slice(0, 20)}”已停用，不再检查。没有改动。`);
    throw new AppError('CONFLICT', `${where}标准“${s.text.slice(0, 20)}”只适用于其他领域的党支部，不适用于“${branch.name}”。没有改动。`);
  });
  const items = new Map(checklistItemsOf(sqlite, branch.id, args.year).map((i) => [i.standard_id, i]));
  const day = today(ctx);
  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `对标检查：${branch.name}（${args.year} 年）${args.marks.length} 项`);
    const now = ctx.now().toISOString();
    for (const m of args.marks) {
      let item = items.get(m.standardId);
      if (!item) {
        const row = { uid: randomUUID(), org_id: branch.id, year: args.year, standard_id: m.standardId, met: null, note: null, checked_on: null, checked_by: null, problem_id: null, created_at: now, updated_at: now };
        const id = insertChecklistItem(sqlite, row);
        cs.record('checklist_item', id, row.uid, null, 'insert', null, row);
        item = { ...row, id, revision: 0, deleted_at: null, problem_status: null };
        items.set(m.standardId, item);
      }
      const next: ChecklistColumns = {};
      if (m.met !== undefined) {
        const met = m.met === null ? null : m.met ? 1 : 0;
        if (met !== item.met) {
          next.met = met;
          // Who crossed it off and when; an item set back to 未检查 has neither.
          next.checked_on = met === null ? null : day;
          next.checked_by = met === null ? null : ctx.actor;
        }
      }
      if (m.note !== undefined) {
        const note = m.note?.trim() || null;
        if (note !== item.note) next.note = note;
      }
      const diff = Object.entries(next).filter(([k, v]) => item[k as keyof ChecklistColumns] !== v);
      for (const [k, v] of diff) cs.record('checklist_item', item.id, item.uid, k, 'update', item[k as keyof ChecklistColumns], v);
      if (diff.length) updateChecklistItem(sqlite, item.id, Object.fromEntries(diff), now);
    }
    return cs.count ? cs.id : null;
  })();
  if (changeSetId) ctx.events.emit('data.changed', { entity: 'checklist_item' });
  return { changeSetId, checklist: branchChecklist(ctx, args) };
}

/**
 * The share met of every branch below a unit (the department's own unit when none is given,
 * else the whole tree), and pooled for the unit and each unit directly below it.
 */
export function checklistShares(ctx: ServiceContext, args: { year: number; unitId?: number | undefined }): ChecklistShares {
  const { sqlite } = ctx.conn;
  const unitId = args.unitId ?? ourUnitId(sqlite);
  const unit = unitId === null ? null : (getOrg(sqlite, unitId) ?? null);
  if (unitId !== null && !unit) throw new AppError('NOT_FOUND', `找不到编号为 ${unitId} 的党组织，可能已被删除，请刷新后重新选择单位。`, { id: unitId });
  const active = standardsOfYear(sqlite, args.year).filter((s) => s.active === 1);
  // How many standards apply to a branch of each field: those for every field, and its own.
  const general = active.filter((s) => s.field === null).length;
  const byField = new Map<string, number>();
  for (const s of active) if (s.field !== null) byField.set(s.field, (byField.get(s.field) ?? 0) + 1);
  const path = unit?.path ?? null;
  const places = branchesUnder(sqlite, path, args.year);
  const paths = new Map(places.map((b) => [b.id, b.path]));
  const fieldOf = new Map(places.map((b) => [b.id, b.field]));
  // A branch's marks of the standards for every field and for its own. A large unit's are read
  // with the whole year's (one pass over the index beats looking up thousands of branches).
  const marks = new Map<number, { met: number; unmet: number }>();
  for (const m of markCounts(sqlite, args.year, places.length > 2000 ? null : places.map((b) => b.id))) {
    const branchPath = paths.get(m.org_id);
    if (branchPath === undefined) continue;
    if (m.field !== null && m.field !== fieldOf.get(m.org_id)) continue;
    const sum = marks.get(m.org_id) ?? { met: 0, unmet: 0 };
    sum.met += m.met;
    sum.unmet += m.unmet;
    marks.set(m.org_id, sum);
  }
  const branches: BranchShare[] = places.map((b) => {
    const m = marks.get(b.id);
    const applicable = general + (b.field === null ? 0 : (byField.get(b.field) ?? 0));
    return { orgId: b.id, name: b.name, parentName: b.parent_name ?? '', field: b.field, ...tallyOf(applicable, m?.met ?? 0, m?.unmet ?? 0) };
  });
  const pooled = (id: number, name: string, unitPath: string | null, own: boolean): UnitShare => {
    const inside = unitPath === null ? branches : branches.filter((b) => paths.get(b.orgId)!.startsWith(unitPath));
    const sum = (k: 'applicable' | 'met' | 'unmet') => inside.reduce((n, b) => n + b[k], 0);
    const fullyMet = inside.filter((b) => b.applicable > 0 && b.met === b.applicable).length;
    return { orgId: id, name, own, branches: inside.length, fullyMet, ...tallyOf(sum('applicable'), sum('met'), sum('unmet')) };
  };
  const units: UnitShare[] = [];
  if (unit && unit.level !== 'branch') {
    units.push(pooled(unit.id, unit.name, unit.path, true));
    for (const c of childUnits(sqlite, unit.id)) units.push(pooled(c.id, c.name, c.path, false));
  }
  return { year: args.year, standards: active.length, unit: unit ? { id: unit.id, name: unit.name } : null, units, branches };
}

/**
 * One problem per unmet item of these branches that has none yet (source 对标检查, status 待领办,
 * category after the item's criterion), each linked from its item: one change set, so one undo
 * removes the problems and the links together.
 */
export function generateProblems(ctx: ServiceContext, args: ParsedArgs<'checklist.generateProblems'>): { changeSetId: string | null; created: number; problemIds: number[] } {
  const { sqlite } = ctx.conn;
  for (const id of args.orgIds) mustBeBranch(ctx, id);
  const unmet = unmetWithoutProblem(sqlite, args.year, args.orgIds);
  if (unmet.length === 0) {
    throw new AppError('CONFLICT', `所选党支部 ${args.year} 年没有尚未生成问题的“未达标”项：请先在清单中把未达到的标准标为“未达标”。没有改动。`);
  }
  const numbers = new Map<number, number>();
  for (const orgId of new Set(unmet.map((u) => u.org_id))) {
    const branch = getOrg(sqlite, orgId)!;
    for (const s of standardsFor(ctx, args.year, branch.field)) numbers.set(s.id, s.number!);
  }
  const result = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `由对标检查生成问题 ${unmet.length} 条`);
    const rows = unmet.map((u) => ({
      values: {
        orgId: u.org_id,
        description: unmetProblemText(numbers.get(u.standard_id) ?? 0, u.standard_text, u.note),
        category: criterionProblemCategory[u.criterion as StrongCriterion] ?? 'other',
        source: checklistProblemSource,
        status: 'open',
      },
    }));
    const { ids, problems } = insertRecords(ctx, 'problem', args.year, rows, cs);
    // All or nothing: a problem that could not be opened (a closed unit, a dictionary changed) refuses the step.
    if (problems.length) throw new AppError('CONFLICT', `没有生成问题：${problems.map((p) => p.message).join('；')}`);
    const now = ctx.now().toISOString();
    ids.forEach((problemId, i) => {
      const item = unmet[i]!;
      // Recorded by the problems' uids (see repos/rows.ts linkColumns); the old one a deleted problem's.
      const before = item.problem_id === null ? null : rowUid(sqlite, 'problem', item.problem_id);
      updateChecklistItem(sqlite, item.id, { problem_id: problemId }, now);
      cs.record('checklist_item', item.id, item.uid, 'problem_id', 'update', before, rowUid(sqlite, 'problem', problemId!));
    });
    return { changeSetId: cs.id, problemIds: ids as number[] };
  })();
  ctx.events.emit('data.changed', { entity: 'problem', ids: result.problemIds });
  ctx.events.emit('data.changed', { entity: 'checklist_item' });
  return { ...result, created: result.problemIds.length };
}
