/**
 * New records: values parsed by the same rules as edits (a value not understood is
 * kept and marked), refs checked (a point needs a leader in office and an open
 * branch), sensible defaults filled (a point's category from its branch's grade),
 * all rows of one call in one transaction and one change set.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { EditProblem, InvalidValue, RecordEditResult } from '../../../../shared/contract/types.ts';
import { parseFieldValue, type CellValue } from '../../../../shared/domain/fields.ts';
import { categoryForGrade } from '../../../../shared/domain/liaison.ts';
import { parseDate } from '../../../../shared/domain/normalize.ts';
import { pinyinKeys } from '../../../../shared/domain/pinyin.ts';
import { recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import type { DictEntry } from '../../../../shared/contract/types.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { getOrg } from '../../repos/orgs.ts';
import { activeLiaison, branchGrade, columnOf, evaluationExists, leaderBrief, liaisonBrief, recordSpecs, recordWriter } from '../../repos/records.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { today, type ServiceContext } from '../context.ts';
import { recordsByIds } from './list.ts';
import { recordStep } from '../problems/loop.ts';
import { evaluationStages, refuseAdvance, type EvaluationStage } from '../../../../shared/domain/evaluation.ts';
import { recordsOf, topOf } from '../../repos/pipeline.ts';
import { pipelineWriter } from '../pipeline/index.ts';

type Values = Record<string, CellValue>;

/** Why a new row cannot be added, in words for the user. */
class Refused extends Error {}

function refId(values: Values, field: string, label: string, required: boolean): number | null {
  const v = values[field];
  if (v === undefined || v === null || v === '') {
    if (required) throw new Refused(`请选择${label}`);
    return null;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Refused(`${label}应从列表中选择`);
  return v;
}

function liveLeader(ctx: ServiceContext, id: number, on: string) {
  const l = leaderBrief(ctx.conn.sqlite, id);
  if (!l || l.deleted_at) throw new Refused('找不到所选的领导干部，可能已被删除');
  if (l.active_to !== null && l.active_to < on) throw new Refused(`${l.name}已于 ${l.active_to} 离任，不能再新增联系点或项目`);
  return l;
}

function openUnit(ctx: ServiceContext, id: number, what: 'branch' | 'committee' | 'org', on: string) {
  const org = getOrg(ctx.conn.sqlite, id);
  if (!org) throw new Refused('找不到所选的党组织');
  if (org.closed_on !== null && org.closed_on <= on) throw new Refused(`“${org.name}”已于 ${org.closed_on} 撤销`);
  if (what === 'branch' && org.level !== 'branch') throw new Refused(`“${org.name}”不是党支部（党总支）`);
  if (what === 'committee' && org.level === 'branch') throw new Refused(`“${org.name}”是党支部，领导干部应属于党委（党组）`);
  return org;
}

/** The table's own rules: refs that must exist and defaults; returns stored columns beyond the typed fields. */
function prepare(ctx: ServiceContext, table: RecordTable, year: number, v: Values, dicts: DictEntry[]): Record<string, unknown> {
  const day = today(ctx);
  const sqlite = ctx.conn.sqlite;
  switch (table) {
    case 'leader': {
      const committee = openUnit(ctx, refId(v, 'committeeId', '所在党委（党组）', true)!, 'committee', day);
      return { committee_org_id: committee.id, level: committee.level };
    }
    case 'liaison': {
      const leader = liveLeader(ctx, refId(v, 'leaderId', '联系领导', true)!, day);
      const branch = openUnit(ctx, refId(v, 'orgId', '联系党支部', true)!, 'branch', day);
      if (activeLiaison(sqlite, leader.id, branch.id, day)) throw new Refused(`${leader.name}已在联系“${branch.name}”`);
      const grade = branchGrade(sqlite, branch.id, year);
      v.category ??= categoryForGrade(grade);
      v.status ??= 'active';
      v.establishedOn ??= day;
      return { leader_id: leader.id, org_id: branch.id };
    }
    case 'visit': {
      const point = liaisonBrief(sqlite, refId(v, 'liaisonId', '联系点', true)!);
      if (!point || point.deleted_at) throw new Refused('找不到所选的联系点，可能已被删除');
      v.visitedOn ??= day;
      v.kind ??= 'research';
      // A record belongs to the time the point ran: not after it ended, its leader left or its branch closed.
      const on = parseDate(v.visitedOn);
      if (on.ok && on.value) {
        if (point.ended_on && on.value > point.ended_on) throw new Refused(`这个联系点已于 ${point.ended_on} 结束，不能记录 ${on.value} 的工作`);
        const leader = leaderBrief(sqlite, point.leader_id);
        if (leader?.active_to && on.value > leader.active_to) throw new Refused(`${leader.name}已于 ${leader.active_to} 离任，不能记录 ${on.value} 的工作`);
        const branch = getOrg(sqlite, point.org_id);
        if (branch?.closed_on && on.value >= branch.closed_on) throw new Refused(`“${branch.name}”已于 ${branch.closed_on} 撤销，不能记录 ${on.value} 的工作`);
      }
      return { liaison_id: point.id };
    }
    case 'project': {
      const liaisonId = refId(v, 'liaisonId', '联系点', false);
      const point = liaisonId === null ? null : liaisonBrief(sqlite, liaisonId);
      if (liaisonId !== null && (!point || point.deleted_at)) throw new Refused('找不到所选的联系点，可能已被删除');
      const leader = liveLeader(ctx, point?.leader_id ?? refId(v, 'leaderId', '领办领导', true)!, day);
      const branch = openUnit(ctx, point?.org_id ?? refId(v, 'orgId', '所在党支部', true)!, 'branch', day);
      v.progress ??= 'not_started';
      return { year, leader_id: leader.id, org_id: branch.id, liaison_id: point?.id ?? null };
    }
    case 'problem': {
      const unit = openUnit(ctx, refId(v, 'orgId', '所在单位', true)!, 'org', day);
      const leaderId = refId(v, 'leaderId', '包联领导', false);
      if (leaderId !== null) liveLeader(ctx, leaderId, day);
      v.status ??= 'open';
      v.foundOn ??= day;
      return { year, org_id: unit.id, leader_id: leaderId };
    }
    case 'evaluation': {
      const branch = openUnit(ctx, refId(v, 'orgId', '党支部', true)!, 'branch', `${year}-01-01`);
      const stage = parseFieldValue({ field: 'stage', label: '环节', type: 'dict', dict: 'evaluation_stage', editable: true, required: true, width: 0 }, v.stage ?? null, dicts);
      if (!stage.ok) throw new Refused(stage.message);
      if (evaluationExists(sqlite, branch.id, year, String(stage.value))) throw new Refused(`“${branch.name}”${year} 年已有这一环节的评定记录`);
      // The pipeline's rule holds here too: no stage skipped, none after one not passed (with a reason, on the 最强党支部 page).
      const refusal = refuseAdvance(topOf(recordsOf(sqlite, year, [branch.id]).get(branch.id)), stage.value as EvaluationStage, null);
      if (refusal) throw new Refused(`“${branch.name}”：${refusal}（请在“最强党支部”页面办理）`);
      return { year, org_id: branch.id, stage: stage.value };
    }
  }
}

/** A new record's stored row: its values parsed (a value not understood kept and marked), its refs checked, its defaults filled. Reads only. */
function newRow(ctx: ServiceContext, table: RecordTable, year: number, input: Values, dicts: DictEntry[]): { row: Record<string, unknown>; invalid: Record<string, InvalidValue> } {
  const def = recordTables[table];
  const spec = recordSpecs[table];
  const values: Values = { ...input };
  const row = prepare(ctx, table, year, values, dicts);
  const invalid: Record<string, InvalidValue> = {};
  for (const f of def.fields) {
    if (!f.editable || !(f.field in values)) continue;
    const parsed = parseFieldValue(f, values[f.field], dicts);
    if (parsed.ok) {
      row[columnOf(spec, f.field)] = typeof parsed.value === 'boolean' ? (parsed.value ? 1 : 0) : parsed.value;
    } else {
      const raw = String(values[f.field] ?? '').trim();
      if (f.required && raw === '') throw new Refused(`${f.label}不能为空`);
      if (f.required) throw new Refused(`${f.label}：${parsed.message}`);
      invalid[f.field] = { raw, message: parsed.message };
    }
  }
  for (const f of def.fields) {
    if (f.required && f.editable && (row[columnOf(spec, f.field)] ?? null) === null) throw new Refused(`${f.label}不能为空`);
  }
  if (table === 'leader') {
    const keys = pinyinKeys(String(row.name));
    Object.assign(row, { name_sort: keys.sortKey, name_initials: keys.initials });
  }
  return { row, invalid };
}

/** Why these values cannot make a new record (in words for the user), or null: what an import's preview says before anything is written. */
export function refusalOf(ctx: ServiceContext, table: RecordTable, year: number, values: Values): string | null {
  try {
    newRow(ctx, table, year, values, listDictEntriesSync(ctx.conn.sqlite));
    return null;
  } catch (e) {
    if (e instanceof Refused) return e.message;
    throw e;
  }
}

/** A stage added in the records grid or by a returned 评定验收台账 is a move of the pipeline too: logged like one. */
function logAddedStage(ctx: ServiceContext, cs: ChangeSet, row: Record<string, unknown>): void {
  const orgId = row.org_id as number;
  const year = row.year as number;
  const stage = row.stage as EvaluationStage;
  const before = evaluationStages[evaluationStages.indexOf(stage) - 1] ?? null;
  pipelineWriter(ctx, cs).step({ orgId, year, from: before, to: stage, action: 'add', result: (row.result as string | null | undefined) ?? null, reason: null });
}

/** A new record to insert; `from`: where its values came from (an imported file's sheet and row), for the audit. */
export interface NewRecord {
  values: Values;
  from?: string;
}

/**
 * Inserts new records into a change set, inside the caller's transaction: the one path of
 * records.add and an import. Each row is added, or refused with the reason (by its index).
 */
export function insertRecords(ctx: ServiceContext, table: RecordTable, year: number, rows: readonly NewRecord[], cs: ChangeSet): { ids: (number | null)[]; problems: EditProblem[] } {
  const spec = recordSpecs[table];
  const dicts = listDictEntriesSync(ctx.conn.sqlite);
  const writer = recordWriter(ctx.conn.sqlite, table);
  const now = ctx.now().toISOString();
  const problems: EditProblem[] = [];
  const label = recordTables[table].fields;
  const ids = rows.map((input, index) => {
    try {
      const { row, invalid } = newRow(ctx, table, year, input.values, dicts);
      for (const [field, bad] of Object.entries(invalid)) {
        problems.push({ id: index, field, message: `第 ${index + 1} 条的${label.find((f) => f.field === field)!.label}：${bad.message}（已原样保留并标红）` });
      }
      const uid = randomUUID();
      const id = writer.insert({ ...row, uid, invalid_json: Object.keys(invalid).length ? JSON.stringify(invalid) : null, created_at: now, updated_at: now });
      cs.record(spec.sqlTable, id, uid, null, 'insert', null, row, input.from ? `${spec.sqlTable}:${id}@${input.from}` : undefined);
      // A problem's loop begins with its opening (建账); one that arrives further on (a returned list) says from where.
      if (table === 'problem') {
        const status = String(row.status);
        const reason = status === 'open' ? null : `${cs.summary}${input.from ? `（${input.from}）` : ''}`;
        recordStep(ctx, cs, id, null, status, { reason, note: null, at: typeof row.found_on === 'string' ? row.found_on : today(ctx) });
      }
      if (table === 'evaluation') logAddedStage(ctx, cs, row);
      return id;
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      problems.push({ id: index, field: '', message: rows.length > 1 ? `第 ${index + 1} 条未新增：${e.message}` : `未新增：${e.message}` });
      return null;
    }
  });
  return { ids, problems };
}

export function addRecords(ctx: ServiceContext, args: { table: RecordTable; year: number; rows: Values[]; source: string }): RecordEditResult {
  const { table, year } = args;
  const def = recordTables[table];
  const spec = recordSpecs[table];
  const { ids, problems, changeSetId } = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin(args.source, `新增${def.noun} ${args.rows.length} 条`);
    const inserted = insertRecords(ctx, table, year, args.rows.map((values) => ({ values })), cs);
    return { ...inserted, ids: inserted.ids.filter((id) => id !== null), changeSetId: cs.count > 0 ? cs.id : null };
  })();

  if (ids.length === 0 && problems.length) throw new AppError('CONFLICT', problems.map((p) => p.message).join('；'));
  if (ids.length) ctx.events.emit('data.changed', { entity: spec.sqlTable, ids });
  return { changeSetId, rows: recordsByIds(ctx, table, year, ids), problems };
}
