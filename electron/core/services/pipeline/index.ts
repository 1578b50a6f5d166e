/**
 * The "strongest branch" pipeline of a branch and year: 自创 → 申报 → 乡镇评定（四评）→ 旗县验收 →
 * 市级评估 → 命名 / 保留 / 未通过. Every move (推进, 退回, 补录) is one audited change set, undone
 * like any other: records are only ever added, and a send-back marks the later ones as history
 * (supersededAt, through the records' write path) — nothing is deleted. Each move is logged in
 * evaluation_step with who, when, from, to and why.
 *
 * The city stage. The city assesses the branches its 10 % draw picked (services/draw, table evaluation_draw):
 * each gets its own 市级评估 record (命名, 保留 the county-level title, or 未通过). The accepted branches
 * the draw did not pick are not assessed one by one: the sample stands for them, so once a draw of
 * the year exists they are named in one step (`nameUndrawn`, one change set, a record each noting
 * 未抽中，随抽查结果一并命名). Before any draw, no branch can reach the city stage.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { PipelineBranchView, PipelineMoveResult } from '../../../../shared/contract/types.ts';
import {
  ledgerFillReason, passed, passingResult, refuseAdvance, refuseSendBack, stageIndex, stageLabels, statusOf,
  townshipResult, townshipScore, type EvaluationStage,
} from '../../../../shared/domain/evaluation.ts';
import { parseDate } from '../../../../shared/domain/normalize.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { getOrg } from '../../repos/orgs.ts';
import { boardBranches, drawHeld, drawnBranches, recordsOf, stepsOf, stepWriter, topOf, type StepRow } from '../../repos/pipeline.ts';
import { recordWriter } from '../../repos/records.ts';
import { today, type ServiceContext } from '../context.ts';
import { patchingLedger } from '../ledger/list.ts';
import { applyRecordEdits } from '../records/edit.ts';
import { scopePathOf } from './board.ts';
import { loadPipelineSettings } from './settings.ts';

/** The source of the pipeline's own writes (see pipelineSources: only it, undo and redo change a result). */
const source = 'pipeline';

function mustBeBranch(ctx: ServiceContext, orgId: number) {
  const org = getOrg(ctx.conn.sqlite, orgId);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${orgId} 的党支部，可能已被删除，请刷新后重试。`);
  if (org.level !== 'branch') throw new AppError('CONFLICT', `“${org.name}”不是党支部（党总支），没有“最强党支部”评定流程。`);
  return org;
}

export function branchView(ctx: ServiceContext, orgId: number, year: number): PipelineBranchView {
  const { sqlite } = ctx.conn;
  const org = mustBeBranch(ctx, orgId);
  const records = recordsOf(sqlite, year, [orgId]).get(orgId) ?? [];
  const top = topOf(records);
  return {
    orgId,
    name: org.name,
    year,
    status: statusOf(top),
    stage: top?.stage ?? null,
    drawn: drawnBranches(sqlite, year).has(orgId),
    records: records.map(({ id, stage, result, evaluatedOn, evaluator, score, scoreOrg, scoreMembers, scorePublic, scoreSociety, evidence, notes, supersededAt }) => ({
      id, stage, result, evaluatedOn, evaluator, score, scoreOrg, scoreMembers, scorePublic, scoreSociety, evidence, notes, supersededAt,
    })),
    steps: stepsOf(sqlite, orgId, year),
  };
}

/** A stage record to add: its stored columns. */
interface NewStage {
  stage: EvaluationStage;
  evaluated_on: string | null;
  evaluator: string | null;
  score_org: number | null;
  score_members: number | null;
  score_public: number | null;
  score_society: number | null;
  score: number | null;
  result: string | null;
  evidence: string | null;
  notes: string | null;
}

/**
 * Writes within the caller's transaction and change set: a stage record added, the records a move
 * makes history marked, the move logged. The one write path of advance, send-back, 补录 and naming.
 */
export function pipelineWriter(ctx: ServiceContext, cs: ChangeSet) {
  const { sqlite } = ctx.conn;
  const records = recordWriter(sqlite, 'evaluation');
  const writeStep = stepWriter(sqlite);
  const now = ctx.now().toISOString();
  return {
    add(orgId: number, year: number, row: NewStage, from?: string): number {
      const stored = { ...row, year, org_id: orgId };
      const uid = randomUUID();
      const id = records.insert({ ...stored, uid, created_at: now, updated_at: now });
      cs.record('evaluation', id, uid, null, 'insert', null, stored, from ? `evaluation:${id}@${from}` : undefined);
      return id;
    },
    supersede(ids: readonly number[], year: number): void {
      if (ids.length === 0) return;
      const r = applyRecordEdits(ctx, 'evaluation', year, ids.map((id) => ({ id, field: 'supersededAt', value: now })), { source, summary: '', changeSet: cs });
      if (r.problems.length) throw new AppError('CONFLICT', r.problems.map((p) => p.message).join('；'));
    },
    step(step: Omit<StepRow, 'actor' | 'at'>): void {
      const row = { ...step, actor: ctx.actor, at: now };
      const uid = randomUUID();
      const id = writeStep(row, uid);
      cs.record('evaluation_step', id, uid, null, 'insert', null, row);
    },
  };
}

function day(ctx: ServiceContext, value: string | null | undefined, label: string): string {
  if (value === undefined || value === null || value.trim() === '') return today(ctx);
  const d = parseDate(value);
  if (!d.ok || d.value === null) throw new AppError('INVALID_ARGS', `${label}：${d.ok ? '不能为空' : d.message}`);
  return d.value;
}

type AdvanceArgs = ParsedArgs<'pipeline.advance'>;

/** The stage record an advance adds, its values checked by the stage's rules (the township's score computed from the settings). */
function stageRecord(ctx: ServiceContext, args: AdvanceArgs, name: string): NewStage {
  const to = args.to;
  const base: NewStage = {
    stage: to, evaluated_on: day(ctx, args.evaluatedOn, '时间'), evaluator: args.evaluator?.trim() || null,
    score_org: null, score_members: null, score_public: null, score_society: null, score: args.score ?? null, result: null,
    evidence: args.evidence?.trim() || null, notes: args.notes?.trim() || null,
  };
  const need = (what: string) => new AppError('INVALID_ARGS', `“${name}”的${stageLabels[to]}：请填写${what}。`);
  switch (to) {
    case 'self':
      base.evaluator ??= name;
      return base;
    case 'applied':
      base.evaluator ??= '所在党（工）委';
      return base;
    case 'township': {
      // 四评: the four scores are typed; the township score and its result follow from the settings, never typed.
      if (!args.scores) throw need('组织评定、党员评议、群众评判、社会评价四项得分');
      const settings = loadPipelineSettings(ctx);
      const score = townshipScore(args.scores, settings);
      return {
        ...base, evaluator: base.evaluator ?? '苏木乡镇党委', score_org: args.scores.scoreOrg, score_members: args.scores.scoreMembers,
        score_public: args.scores.scorePublic, score_society: args.scores.scoreSociety, score, result: townshipResult(score, settings),
      };
    }
    case 'county':
      if (!base.evaluator) throw need('验收专班（验收单位）');
      if (!args.evaluatedOn) throw need('验收时间');
      if (args.result !== 'pass' && args.result !== 'fail') throw need('验收结果（通过或未通过）');
      return { ...base, result: args.result };
    case 'city':
      if (args.result !== 'named' && args.result !== 'kept' && args.result !== 'fail') throw need('评估结论（命名、保留或未通过）');
      return { ...base, evaluator: base.evaluator ?? '市委组织部评估组', result: args.result };
  }
}

function moved(ctx: ServiceContext, orgId: number, year: number, changeSetId: string | null): PipelineMoveResult {
  ctx.events.emit('data.changed', { entity: 'evaluation', ids: [] });
  return { changeSetId, branch: branchView(ctx, orgId, year) };
}

/** 推进: the next stage, or with a reason a stage skipped or done again (the record it replaces made history). */
export function advance(ctx: ServiceContext, args: AdvanceArgs): PipelineMoveResult {
  const { sqlite } = ctx.conn;
  const org = mustBeBranch(ctx, args.orgId);
  if (org.closed_on !== null && org.closed_on < `${args.year}-01-01`) throw new AppError('CONFLICT', `“${org.name}”已于 ${org.closed_on} 撤销。`);
  const row = stageRecord(ctx, args, org.name);
  const reason = args.reason?.trim() || null;
  const changeSetId = patchingLedger(
    ctx,
    () =>
      ctx.conn.writeTransaction(() => {
        const records = recordsOf(sqlite, args.year, [org.id]).get(org.id) ?? [];
        const top = topOf(records);
        const refusal = refuseAdvance(top, args.to, reason);
        if (refusal) throw new AppError('CONFLICT', `“${org.name}”：${refusal}`);
        if (args.to === 'city') {
          if (!drawHeld(sqlite, args.year)) throw new AppError('CONFLICT', `${args.year} 年的市级抽签还没有进行，“${org.name}”不能进入市级评估。`);
          if (!drawnBranches(sqlite, args.year).has(org.id)) {
            throw new AppError('CONFLICT', `“${org.name}”未被抽中：市级只评估抽中的党支部，未抽中的验收通过党支部请用“未抽中的一并命名”。`);
          }
        }
        const cs = ctx.audit.begin(source, `${org.name}：${top?.stage === args.to ? '重新' : '推进到'}${stageLabels[args.to]}`);
        const w = pipelineWriter(ctx, cs);
        // Done again: the record it replaces, and any later one, become history.
        w.supersede(records.filter((r) => r.supersededAt === null && stageIndex(r.stage) >= stageIndex(args.to)).map((r) => r.id), args.year);
        w.add(org.id, args.year, row);
        w.step({ orgId: org.id, year: args.year, from: top?.stage ?? null, to: args.to, action: 'advance', result: row.result, reason });
        return cs.id;
      })(),
    () => [org.id],
  );
  return moved(ctx, org.id, args.year, changeSetId);
}

/** 退回: a branch not passed goes back to an earlier stage; the records after it are kept as history. */
export function sendBack(ctx: ServiceContext, args: ParsedArgs<'pipeline.sendBack'>): PipelineMoveResult {
  const { sqlite } = ctx.conn;
  const org = mustBeBranch(ctx, args.orgId);
  const changeSetId = patchingLedger(
    ctx,
    () =>
      ctx.conn.writeTransaction(() => {
        const records = recordsOf(sqlite, args.year, [org.id]).get(org.id) ?? [];
        const top = topOf(records);
        const refusal = refuseSendBack(top, args.to, args.reason);
        if (refusal) throw new AppError('CONFLICT', `“${org.name}”：${refusal}`);
        const cs = ctx.audit.begin(source, `${org.name}：退回到${stageLabels[args.to]}`);
        const w = pipelineWriter(ctx, cs);
        w.supersede(records.filter((r) => r.supersededAt === null && stageIndex(r.stage) > stageIndex(args.to)).map((r) => r.id), args.year);
        w.step({ orgId: org.id, year: args.year, from: top!.stage, to: args.to, action: 'send_back', result: null, reason: args.reason });
        return cs.id;
      })(),
    () => [org.id],
  );
  return moved(ctx, org.id, args.year, changeSetId);
}

/** The accepted branches under a unit the year's draw did not pick, named in one change set (see the note at the top). */
export function nameUndrawn(ctx: ServiceContext, args: ParsedArgs<'pipeline.nameUndrawn'>): { changeSetId: string | null; named: number } {
  const { sqlite } = ctx.conn;
  if (!drawHeld(sqlite, args.year)) throw new AppError('CONFLICT', `${args.year} 年的市级抽签还没有进行：抽签之后，未抽中的验收通过党支部才能一并命名。`);
  const branchIds = boardBranches(sqlite, args.year, scopePathOf(ctx, args.scopeOrgId)).map((b) => b.orgId);
  const on = day(ctx, args.evaluatedOn, '命名时间');
  let named: number[] = [];
  const changeSetId = patchingLedger(
    ctx,
    () =>
      ctx.conn.writeTransaction(() => {
        const drawn = drawnBranches(sqlite, args.year);
        const records = recordsOf(sqlite, args.year, branchIds);
        named = branchIds.filter((id) => {
          const top = topOf(records.get(id));
          return !drawn.has(id) && top?.stage === 'county' && passed(top);
        });
        if (named.length === 0) return null;
        const cs = ctx.audit.begin(source, `未抽中的验收通过党支部一并命名（${named.length} 个）`);
        const w = pipelineWriter(ctx, cs);
        for (const id of named) {
          w.add(id, args.year, {
            stage: 'city', evaluated_on: on, evaluator: '市委组织部', score_org: null, score_members: null, score_public: null, score_society: null,
            score: null, result: 'named', evidence: null, notes: '未抽中，随抽查结果一并命名',
          });
          w.step({ orgId: id, year: args.year, from: 'county', to: 'city', action: 'name_undrawn', result: 'named', reason: null });
        }
        return cs.id;
      })(),
    () => named,
  );
  if (named.length) ctx.events.emit('data.changed', { entity: 'evaluation', ids: [] });
  return { changeSetId, named: named.length };
}

/**
 * 补录 from a ledger: the stages a returned or hand-made ledger says a branch has passed and the
 * pipeline lacks, each added as passed with the reason 按导入台账补录 (inside the import's change set).
 */
export function fillStages(ctx: ServiceContext, cs: ChangeSet, orgId: number, year: number, stages: readonly EvaluationStage[], from?: string): void {
  if (stages.length === 0) return;
  const w = pipelineWriter(ctx, cs);
  const top = topOf(recordsOf(ctx.conn.sqlite, year, [orgId]).get(orgId));
  for (const stage of stages) {
    w.add(orgId, year, {
      stage, evaluated_on: null, evaluator: null, score_org: null, score_members: null, score_public: null, score_society: null, score: null,
      result: passingResult(stage), evidence: null, notes: ledgerFillReason,
    }, from);
  }
  w.step({ orgId, year, from: top?.stage ?? null, to: stages[stages.length - 1]!, action: 'fill', result: passingResult(stages[stages.length - 1]!), reason: ledgerFillReason });
}
