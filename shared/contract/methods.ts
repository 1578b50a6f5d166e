/**
 * The one map of what the UI (or the CLI, or a test) may ask of the core.
 * Each method: a zod schema for its arguments (validated by the core at the
 * boundary) and a phantom result type (what the caller gets back).
 * Later capabilities add entries here, then a handler in electron/core.
 */
// As a namespace: the bundles then keep only the parts of zod these schemas use (half of it).
import * as z from 'zod';
import type {
  AppInfo, AuditEntry, BranchCard, CheckResult, DictEntry, EditResult, LeaderCard, LedgerList, LedgerOpening, LedgerRow, LiaisonRules, OrgChildren, OrgNode,
  OrgSearchHit, RecordEditResult, RecordList, RecordRow, SavedView, Settings, StatsSummary, TemplateInfo, ExportPreview, ExportResult,
  ProblemClosure, ProblemStep, LiaisonBehind, PointProposal,
  SendDownResult, ExportBatchInfo, BranchRanking, ReminderList, Division, SetupPlan, SetupResult, SetupStatus, ImportBatchInfo, ImportCommitResult, ImportFixResult, ImportPreview, UndoResult,
} from './types.ts';
import type { PipelineBoard, PipelineBranchView, PipelineMoveResult } from './types.ts';
import type { TourState } from './types.ts';
import type { ReturnBoard, ReturnCell, ReturnEventView } from './returnsBoard.ts';
import { evaluationStages, type PipelineSettings } from '../domain/evaluation.ts';
import { defaultDictionaries } from '../domain/defaults.ts';
import { ledgerColumns } from '../domain/ledger.ts';
import { hiddenCharacter, hiddenCharacterMessage } from '../domain/names.ts';
import { orgLevels } from '../domain/org.ts';
import { recordTableNames } from '../domain/records.ts';
import type { BranchChecklist, ChecklistShares, StandardList, StandardsChange } from '../domain/standards.ts';
import { maxDrawSeed, roundingRules, type DrawCandidates, type DrawResult, type RoundingRule } from '../domain/draw.ts';
import type { RankingSettings } from '../domain/ranking.ts';
import type { Consolidation, ConsolidationExport, FigureTrace } from '../domain/consolidate.ts';
import type { RoundCheckResult, SendBackResult } from '../domain/sendBack.ts';
import type { StatsTables } from '../domain/stats.ts';
import type { BackupInfo, BackupList, BackupRetention, DbHealth, RestoreResult } from './backup.ts';
import { maxIdleMinutes, passwordRules, passwordRuleText, type AuthStatus } from './auth.ts';

interface MethodDef<A extends z.ZodType, R> {
  /** Built when the method is first called: the 120-odd schemas built as the module loaded were a third of the core's start. */
  readonly args: A;
  /** Never read at run time; carries the result type. */
  result: R;
}

function method<A extends z.ZodType>(build: () => A) {
  return {
    returns: <R>(): MethodDef<A, R> => {
      let built: A | undefined;
      return {
        get args() {
          return (built ??= build());
        },
        result: undefined as R,
      };
    },
  };
}

/**
 * A schema several methods share, built when the first of them is called, as the methods' own
 * are: built as the module loaded, these ~30 were ~15 ms of every start of the core.
 */
function shared<S>(build: () => S): () => S {
  let built: S | undefined;
  return () => (built ??= build());
}

const year = shared(() => z.number().int().min(1949).max(2100));
const pipelineStage = shared(() => z.enum(evaluationStages));
// A score as the forms keep it (scale 1): 0 to 100, at most one decimal — more would be stored but never shown.
const pipelineScore = shared(() => z
  .number()
  .min(0, '分数应在 0 到 100 之间')
  .max(100, '分数应在 0 到 100 之间')
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, '分数最多保留一位小数，如 88.5'));
const pipelineWeight = shared(() => z.number().min(0, '权重不能为负数').max(100, '权重不能超过 100'));
const id = shared(() => z.number().int().positive());
const ids = shared(() => z.array(id()).min(1).max(200_000));
/**
 * Any text crossing the boundary: a NUL is never meant (it cuts C strings and file
 * names short), so it is refused wherever it comes.
 */
const text = () => z.string().refine((s) => !s.includes('\0'), '含有空字符（U+0000），请删除后重新输入');
function refuseHidden(s: string, ctx: z.RefinementCtx): void {
  const hidden = hiddenCharacter(s);
  if (hidden) ctx.addIssue({ code: 'custom', message: hiddenCharacterMessage(hidden) });
}
/** Text printed as it is (a report's 填报单位): visible characters only, may be empty. */
const visible = (max: number) => z.string().max(max, `不能超过 ${max} 个字`).superRefine(refuseHidden);
/** A name a person gives (a unit, a view, a dictionary entry, a file, a title): visible characters only. */
const named = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字`).superRefine(refuseHidden);
const name = shared(() => named(100));
const isoDate = shared(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为“年-月-日”格式的日期，如 2026-03-15'));
/** A unit's code (统一代码 or the city's own); empty or null when it has none. */
const code = shared(() => z.string().trim().max(40, '不能超过 40 个字').superRefine(refuseHidden).nullable());
const ledgerField = shared(() => z.enum(ledgerColumns.map((c) => c.field) as [string, ...string[]]));
/** What a cell can carry from the grid or a paste: kept as typed, parsed by the core. */
const cellValue = shared(() => z.union([text().max(2000), z.number(), z.boolean(), z.null()]));
const editSource = shared(() => z.enum(['typed', 'paste', 'fill']));
const recordTable = shared(() => z.enum(recordTableNames));
/** A part's weight in a score made of settings. */
const weight = shared(() => z.number().min(0, '权重不能为负数').max(100, '权重不能超过 100'));
const fieldName = shared(() => z.string().regex(/^[a-zA-Z]{1,40}$/, '不是程序认识的列'));
/** The dictionaries of 设置 (each city edits their entries, not the set of dictionaries). */
const dictName = shared(() => z.enum(Object.keys(defaultDictionaries) as [string, ...string[]]));
const codeList = shared(() => z.array(text().min(1).max(40)).max(40));
const liaisonRules = shared(() => z
  .object({
    leaderHasPoint: z.object({ enabled: z.boolean(), positions: codeList() }).strict(),
    secretaryAtLagging: z.object({ enabled: z.boolean() }).strict(),
    laggingHasLeader: z.object({ enabled: z.boolean() }).strict(),
    fourOnes: z.object({ enabled: z.boolean(), committeeKinds: codeList(), fields: codeList().min(1) }).strict(),
    minVisits: z.object({ enabled: z.boolean(), perYear: z.number().int().min(1).max(52) }).strict(),
  })
  .strict());
/** The ledger grid's filters: by grade, field, standardised, text. */
const ledgerFilter = shared(() => z
  .object({
    grade: z.array(text().max(40)).max(20).optional(),
    field: z.array(text().max(40)).max(40).optional(),
    standardised: z.boolean().nullable().optional(),
    text: text().max(50).optional(),
  })
  .strict());
const exportScope = shared(() => z
  .object({
    year: year(),
    scopeOrgId: id().optional(),
    filter: ledgerFilter().optional(),
    /** Exactly these rows, in this order: the rows of the grid as the user sees them. */
    rowIds: z.array(id()).max(200_000).optional(),
  })
  .strict());
const exportChoices = shared(() => z
  .object({
    attachment: z.number().int().min(1).max(99),
    title: named(120),
    reportingUnit: visible(80),
    omitted: z.array(text().max(80)).max(100),
    emptyAs: z.enum(['', '—', '无']),
    titleFont: z.enum(['fzxbs', 'songBold']),
  })
  .strict());
const filePath = shared(() => text().min(1).max(1000));
/** A period of the returns board: the year, as export batches write it ('2026'). */
const returnPeriod = shared(() => z.string().regex(/^(19|20)\d{2}$/, '应为四位年度，如 2026'));
/** How a draw is made: the share (0 < share ≤ 1, to 0.01 %), by field or not, the rounding rule. */
const drawOptions = shared(() => ({
  share: z.number().gt(0, '应大于 0').max(1, '不能大于 1（100%）').refine((n) => Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6, '最多精确到 0.01%（如 0.1 表示 10%）').optional(),
  byField: z.boolean().optional(),
  rounding: z.enum(Object.keys(roundingRules) as [RoundingRule, ...RoundingRule[]]).optional(),
}));
/** A grid's columns, filters and sort as the grid keeps them: stored as JSON, so checked as JSON. */
const viewState = shared(() => z.record(text(), z.unknown()).superRefine((state, ctx) => {
  let json: string;
  try {
    json = JSON.stringify(state);
  } catch {
    ctx.addIssue({ code: 'custom', message: '无法保存（不是表格的设置）' });
    return;
  }
  if (json.length > 200_000) ctx.addIssue({ code: 'custom', message: '太大，不像是表格的设置' });
  else if (json.includes('\\u0000')) ctx.addIssue({ code: 'custom', message: '含有空字符（U+0000）' });
}));
/** A reason or note written in a problem's loop: visible text, may be long. */
const problemText = shared(() => text().trim().max(1000, '不能超过 1000 个字'));
const sortKey = shared(() => z.enum(['township', 'name', 'membersFormal', 'membersProbationary', 'secretary', 'grade', 'termChangedOn']));
/** A staff account's name: the person's name, written as 操作人. */
const staffName = shared(() => named(20));
/** A password being set; one being given is only checked against the stored hash. */
const newPassword = shared(() => text().min(passwordRules.min, passwordRuleText).max(passwordRules.max, passwordRuleText));
const givenPassword = shared(() => text().min(1, '请输入密码').max(200, '不能超过 200 个字'));

export const methods = {
  'app.info': method(() => z.object({}).strict()).returns<AppInfo>(),

  'org.children': method(() => 
    z
      .object({
        parentId: id().nullable(),
        year: year().optional(),
        includeClosed: z.boolean().optional(),
        /** false: skip the subtree totals (pickers need names only; totals over 100,000 branches cost time). */
        counts: z.boolean().optional(),
      })
      .strict(),
  ).returns<OrgChildren>(),

  /** includeClosed: closed units are found too (the org page with 含已撤销 on). */
  'org.search': method(() => z.object({ query: text().trim().min(1).max(50), limit: z.number().int().min(1).max(200).optional(), includeClosed: z.boolean().optional() }).strict()).returns<OrgSearchHit[]>(),
  /** parentId null: a new top of the tree (a league's city committee, or a banner's own committee). */
  'org.create': method(() => 
    z
      .object({
        parentId: id().nullable(),
        level: z.enum(orgLevels).optional(),
        name: name(),
        kind: text().min(1).max(40).optional(),
        code: code().optional(),
        field: text().max(40).nullable().optional(),
      })
      .strict(),
  ).returns<OrgNode>(),
  'org.update': method(() => 
    z.object({ id: id(), name: name().optional(), kind: text().min(1).max(40).optional(), code: code().optional(), field: text().max(40).nullable().optional() }).strict(),
  ).returns<OrgNode>(),
  'org.move': method(() => z.object({ id: id(), newParentId: id() }).strict()).returns<OrgNode>(),
  'org.close': method(() => z.object({ id: id(), closedOn: isoDate() }).strict()).returns<{ closed: number }>(),
  'org.reopen': method(() => z.object({ id: id() }).strict()).returns<OrgNode>(),
  'org.history': method(() => z.object({ id: id() }).strict()).returns<AuditEntry[]>(),

  'ledger.years': method(() => z.object({}).strict()).returns<number[]>(),
  'ledger.list': method(() => 
    z
      .object({
        year: year(),
        scopeOrgId: id().optional(),
        deleted: z.boolean().optional(),
        filter: ledgerFilter().optional(),
        sort: z.array(z.object({ key: sortKey(), dir: z.enum(['asc', 'desc']) }).strict()).max(5).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(200_000).optional(),
      })
      .strict(),
  ).returns<LedgerList>(),
  // The page's opening answers in one round trip: the first rows do not wait for the year and unit to come back first.
  'ledger.opening': method(() => z.object({ limit: z.number().int().min(1).max(1000) }).strict()).returns<LedgerOpening>(),
  'ledger.edit': method(() => 
    z
      .object({
        changes: z.array(z.object({ id: id(), field: ledgerField(), value: cellValue() }).strict()).min(1).max(500_000),
        source: editSource(),
      })
      .strict(),
  ).returns<EditResult>(),
  'ledger.addBranch': method(() => 
    z.object({ year: year(), parentId: id(), name: name(), kind: text().max(40).optional(), field: text().max(40).nullable().optional() }).strict(),
  ).returns<LedgerRow & { changeSetId: string }>(),
  /** Several new branches at once (a paste longer than the grid), in one transaction and one change set. */
  'ledger.addBranches': method(() => 
    z.object({ year: year(), parentId: id(), names: z.array(name()).min(1).max(20_000) }).strict(),
  ).returns<{ changeSetId: string; rows: LedgerRow[] }>(),
  'ledger.delete': method(() => z.object({ ids: ids() }).strict()).returns<{ changeSetId: string; deleted: number }>(),
  'ledger.restore': method(() => z.object({ ids: ids() }).strict()).returns<LedgerRow[]>(),
  'ledger.copyYear': method(() => z.object({ from: year(), to: year() }).strict()).returns<{ copied: number; skipped: number; closed: number }>(),
  'ledger.history': method(() => z.object({ id: id() }).strict()).returns<AuditEntry[]>(),
  /**
   * The one undo: reverts a change set, whatever it touched (ledger cells, record tables, the tree,
   * a whole import); refused, naming what, if anything changed since. `year`: the year whose
   * counters record rows come back with (a grid's), this year when not given.
   */
  'changes.undo': method(() => z.object({ changeSetId: z.string().uuid(), year: year().optional() }).strict()).returns<UndoResult>(),
  /** Redoes what an undo undid: given the undo's change set, or the one it undid. */
  'changes.redo': method(() => z.object({ changeSetId: z.string().uuid(), year: year().optional() }).strict()).returns<UndoResult>(),
  'ledger.checks': method(() => z.object({ year: year(), scopeOrgId: id().optional() }).strict()).returns<CheckResult[]>(),

  'dict.list': method(() => z.object({ dict: dictName().optional() }).strict()).returns<DictEntry[]>(),
  'dict.save': method(() => 
    z
      .object({
        dict: dictName(),
        code: text().min(1).max(40).optional(),
        label: name(),
        synonyms: z.array(named(40)).max(50),
        active: z.boolean(),
        sortOrder: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
  ).returns<DictEntry>(),

  'view.list': method(() => z.object({ grid: text().min(1).max(40) }).strict()).returns<SavedView[]>(),
  'view.save': method(() => z.object({ grid: text().min(1).max(40), name: name(), state: viewState() }).strict()).returns<SavedView>(),
  'view.delete': method(() => z.object({ id: id() }).strict()).returns<{ deleted: boolean }>(),
  'view.rename': method(() => z.object({ id: id(), name: name() }).strict()).returns<SavedView>(),
  'view.setDefault': method(() => z.object({ id: id(), isDefault: z.boolean() }).strict()).returns<SavedView>(),

  'settings.get': method(() => z.object({}).strict()).returns<Settings>(),
  'settings.save': method(() => 
    z
      .object({
        termOverdueYears: z.number().int().min(1).max(20).optional(),
        liaisonRules: liaisonRules().optional(),
        unitId: id().nullable().optional(),
        operatorName: named(20).nullable().optional(),
      })
      .strict(),
  ).returns<Settings>(),

  /** First run: is there a tree yet, and which unit and person this copy serves. */
  'setup.status': method(() => z.object({}).strict()).returns<SetupStatus>(),
  /** The bundled divisions of Inner Mongolia, by name, code or pinyin initials. */
  'divisions.search': method(() => z.object({ query: text().trim().min(1).max(50), limit: z.number().int().min(1).max(200).optional() }).strict()).returns<Division[]>(),
  'setup.plan': method(() => z.object({ code: z.string().regex(/^\d{4}(\d{2}(\d{3})?)?$/, '应为 4、6 或 9 位区划代码') }).strict()).returns<SetupPlan>(),
  /** Builds the tree below the chosen division (a code, or a name such as 宁城县) in an empty database. */
  'setup.init': method(() => 
    z
      .object({
        unit: text().trim().min(1, '请选择本单位').max(50),
        /** Codes of the parks, farms and zones to build as well (from setup.plan's extras). */
        extras: z.array(z.string().regex(/^\d{6,9}$/, '应为区划代码')).max(2000).optional(),
        operatorName: named(20).optional(),
      })
      .strict(),
  ).returns<SetupResult>(),

  /** Leaders, liaison points, work records, projects, problems, evaluations: one API, one grid layer. */
  'records.list': method(() => 
    z
      .object({
        table: recordTable(),
        year: year(),
        scopeOrgId: id().optional(),
        deleted: z.boolean().optional(),
        leaderId: id().optional(),
        liaisonId: id().optional(),
        orgId: id().optional(),
        /** Projects and problems: overdue, or due within 10 or 20 days (not finished, not cleared). */
        due: z.enum(['overdue', 'soon10', 'soon20']).optional(),
        /** Problems: only these states (codes of problem_status). */
        status: z.array(text().min(1).max(40)).min(1).max(20).optional(),
        text: text().trim().max(50).optional(),
      })
      .strict(),
  ).returns<RecordList>(),
  /** New records; refs (leaderId, orgId, liaisonId, committeeId) are ids chosen in pickers. */
  'records.add': method(() => 
    z
      .object({
        table: recordTable(),
        year: year(),
        rows: z.array(z.record(fieldName(), cellValue())).min(1).max(5000),
        source: z.enum(['typed', 'paste']),
      })
      .strict(),
  ).returns<RecordEditResult>(),
  'records.edit': method(() => 
    z
      .object({
        table: recordTable(),
        /** The year the grid shows: the rows come back with that year's counters. */
        year: year(),
        changes: z.array(z.object({ id: id(), field: fieldName(), value: cellValue() }).strict()).min(1).max(200_000),
        source: editSource(),
      })
      .strict(),
  ).returns<RecordEditResult>(),
  'records.delete': method(() => z.object({ table: recordTable(), ids: ids() }).strict()).returns<{ changeSetId: string | null; deleted: number }>(),
  'records.restore': method(() => z.object({ table: recordTable(), year: year(), ids: ids() }).strict()).returns<RecordRow[]>(),
  'records.history': method(() => z.object({ table: recordTable(), id: id() }).strict()).returns<AuditEntry[]>(),

  /** The window's dialogs (Electron main; the harness and tests use a folder of their own). */
  'shell.chooseSaveFile': method(() => z.object({ suggestedName: named(200) }).strict()).returns<{ path: string | null }>(),
  'shell.chooseFolder': method(() => z.object({ suggestedName: named(200) }).strict()).returns<{ path: string | null }>(),
  'shell.chooseOpenFile': method(() => z.object({}).strict()).returns<{ path: string | null }>(),
  /** Opens a file or folder the user chose before (export's "open folder"). */
  'shell.openPath': method(() => z.object({ path: filePath() }).strict()).returns<{ opened: boolean }>(),

  'templates.list': method(() => z.object({}).strict()).returns<TemplateInfo[]>(),
  'export.preview': method(() => z.object({ templateId: text().max(60), scope: exportScope(), choices: exportChoices() }).strict()).returns<ExportPreview>(),
  /** Writes one file to a path chosen with shell.chooseSaveFile; progress arrives as 'progress' events. */
  'export.run': method(() => z.object({ templateId: text().max(60), scope: exportScope(), choices: exportChoices().optional(), path: filePath() }).strict()).returns<ExportResult>(),
  /** One prefilled file per unit directly under parentOrgId, into a folder chosen with shell.chooseFolder. */
  'export.sendDown': method(() => 
    z
      .object({
        templateId: text().max(60),
        parentOrgId: id(),
        year: year(),
        choices: exportChoices().optional(),
        folder: filePath(),
        blankRows: z.number().int().min(0).max(200).optional(),
        dueOn: isoDate().nullable().optional(),
      })
      .strict(),
  ).returns<SendDownResult>(),
  'export.batches': method(() => z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict()).returns<ExportBatchInfo[]>(),

  /** Reads a file chosen with shell.chooseOpenFile, compares it with what is held; writes nothing. */
  'import.open': method(() => 
    z
      .object({
        path: filePath(),
        templateId: text().max(60).optional(),
        year: year().optional(),
        /** A person's column mapping for a hand-made layout. */
        mapping: z.array(z.object({ index: z.number().int().min(0).max(500), field: text().max(40).nullable() }).strict()).max(500).optional(),
        rememberMapping: z.boolean().optional(),
      })
      .strict(),
  ).returns<ImportPreview>(),
  /**
   * A file dropped on the window (or picked in a browser): its bytes, kept in the returns inbox
   * beside the database, whose path comes back granted for import.open.
   */
  'import.upload': method(() => 
    z
      .object({
        name: named(200),
        /** Base64; at most 100 MB of file. */
        data: text().max(140 * 1024 * 1024),
      })
      .strict(),
  ).returns<{ path: string }>(),
  'import.commit': method(() => 
    z
      .object({
        sessionId: z.string().uuid(),
        decisions: z
          .object({
            rejectRows: z.array(z.number().int().positive()).max(500_000).optional(),
            acceptRows: z.array(z.number().int().positive()).max(500_000).optional(),
            cells: z.array(z.object({ sourceRow: z.number().int().positive(), field: fieldName(), accept: z.boolean() }).strict()).max(1_000_000).optional(),
            clears: z.boolean().optional(),
            newUnits: z.array(z.object({ key: text().max(200), create: z.boolean(), parentId: id().nullable().optional() }).strict()).max(1000).optional(),
            sheets: z
              .array(
                z
                  .object({
                    sheet: text().max(31),
                    rejectRows: z.array(z.number().int().positive()).max(500_000).optional(),
                    acceptRows: z.array(z.number().int().positive()).max(500_000).optional(),
                    cells: z.array(z.object({ sourceRow: z.number().int().positive(), field: fieldName(), accept: z.boolean() }).strict()).max(1_000_000).optional(),
                  })
                  .strict(),
              )
              .max(20)
              .optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ).returns<ImportCommitResult>(),
  /** A cell corrected in the preview: read again as its column reads it, and the row compared again (`sheet`: of a file of several, default the first). */
  'import.fix': method(() => 
    z.object({ sessionId: z.string().uuid(), sheet: text().max(31).optional(), sourceRow: z.number().int().positive(), field: fieldName(), value: cellValue() }).strict(),
  ).returns<ImportFixResult>(),
  /**
   * What unknown values of dictionary columns mean: each choice applies to every cell holding the
   * value (read and compared again) and, with `remember`, is kept as a synonym of the entry (audited).
   */
  'import.mapValues': method(() => 
    z
      .object({
        sessionId: z.string().uuid(),
        choices: z
          .array(z.object({ dict: dictName(), value: text().min(1).max(200), code: text().min(1).max(40).nullable(), remember: z.boolean() }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
  ).returns<ImportPreview>(),
  'import.discard': method(() => z.object({ sessionId: z.string().uuid() }).strict()).returns<{ discarded: boolean }>(),
  'import.history': method(() => z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict()).returns<ImportBatchInfo[]>(),

  'liaison.rules': method(() => z.object({ year: year(), scopeOrgId: id().optional() }).strict()).returns<LiaisonRules>(),
  'liaison.leaderCard': method(() => z.object({ leaderId: id(), year: year() }).strict()).returns<LeaderCard>(),
  'liaison.branchCard': method(() => z.object({ orgId: id(), year: year() }).strict()).returns<BranchCard>(),

  'stats.summary': method(() => z.object({ year: year().optional(), scopeOrgId: id().optional() }).strict()).returns<StatsSummary>(),

  /**
   * The problem list's loop (问题清单): each step one audited change set, undone like any edit.
   * A step that skips a state or goes back needs `reason`; without one it is refused.
   */
  'problems.claim': method(() => 
    z
      .object({
        id: id(),
        responsible: named(40),
        claimedBy: named(40).optional(),
        leaderId: id().nullable().optional(),
        claimedOn: isoDate().optional(),
        dueOn: isoDate().nullable().optional(),
        reason: problemText().optional(),
        note: problemText().optional(),
      })
      .strict(),
  ).returns<RecordEditResult>(),
  'problems.start': method(() => 
    z.object({ id: id(), measures: problemText().pipe(z.string().min(1, '不能为空')), dueOn: isoDate().nullable().optional(), reason: problemText().optional(), note: problemText().optional() }).strict(),
  ).returns<RecordEditResult>(),
  'problems.clear': method(() => 
    z
      .object({
        id: id(),
        acceptedBy: named(40),
        acceptedOn: isoDate(),
        result: problemText().optional(),
        reason: problemText().optional(),
        note: problemText().optional(),
      })
      .strict(),
  ).returns<RecordEditResult>(),
  'problems.reopen': method(() => z.object({ id: id(), reason: problemText(), note: problemText().optional() }).strict()).returns<RecordEditResult>(),
  /** A progress note (记进展): a step from the problem's state to itself. */
  'problems.note': method(() => z.object({ id: id(), note: problemText().pipe(z.string().min(1, '不能为空')), at: isoDate().optional() }).strict()).returns<RecordEditResult>(),
  'problems.steps': method(() => z.object({ id: id() }).strict()).returns<ProblemStep[]>(),
  /** Closure rates in a year: the unit, each unit directly below it, each category. */
  'problems.closure': method(() => z.object({ year: year(), unitOrgId: id().optional() }).strict()).returns<ProblemClosure>(),
  /** The standards checklist (对标检查): a year's reference standards, edited in 设置. */
  'standards.list': method(() => z.object({ year: year() }).strict()).returns<StandardList>(),
  /** Adds a standard to a year (without id) or changes one; deactivated, not deleted. */
  'standards.save': method(() => 
    z
      .object({
        id: id().optional(),
        year: year(),
        criterion: text().min(1, '请选择“五强”标准').max(40),
        text: named(500),
        field: text().min(1).max(40).nullable(),
        active: z.boolean(),
      })
      .strict(),
  ).returns<StandardsChange>(),
  'standards.move': method(() => z.object({ id: id(), direction: z.enum(['up', 'down']) }).strict()).returns<StandardsChange>(),
  'standards.copyYear': method(() => 
    z
      .object({ from: year(), to: year() })
      .strict()
      .refine((a) => a.from !== a.to, { message: '源年度和目标年度不能相同', path: ['to'] }),
  ).returns<StandardsChange>(),
  'standards.loadExample': method(() => z.object({ year: year() }).strict()).returns<StandardsChange>(),
  /** A branch's checklist of a year: every standard that applies to it, with its mark. */
  'checklist.branch': method(() => z.object({ orgId: id(), year: year() }).strict()).returns<BranchChecklist>(),
  /** 达标 (true, crossed off), 未达标 (false) or 未检查 (null), and notes: dated and signed by the person working. */
  'checklist.mark': method(() => 
    z
      .object({
        orgId: id(),
        year: year(),
        marks: z
          .array(z.object({ standardId: id(), met: z.boolean().nullable().optional(), note: visible(500).nullable().optional() }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
  ).returns<{ changeSetId: string | null; checklist: BranchChecklist }>(),
  /** The share met per branch below a unit, and per unit (the unit and those directly below it). */
  'checklist.shares': method(() => z.object({ year: year(), unitId: id().optional() }).strict()).returns<ChecklistShares>(),
  /** One problem per unmet item without one, of these branches: one change set, one undo. */
  'checklist.generateProblems': method(() => z.object({ year: year(), orgIds: z.array(id()).min(1).max(20_000) }).strict()).returns<{
    changeSetId: string | null;
    created: number;
    problemIds: number[];
  }>(),
  // ---- The "strongest branch" pipeline (自创 → 申报 → 乡镇评定 → 旗县验收 → 市级评估).
  'pipeline.settings': method(() => z.object({}).strict()).returns<PipelineSettings>(),
  'pipeline.saveSettings': method(() => 
    z
      .object({
        weights: z.object({ org: pipelineWeight(), members: pipelineWeight(), public: pipelineWeight(), society: pipelineWeight() }).strict(),
        passMark: z.number().min(0, '合格线应在 0 到 100 之间').max(100, '合格线应在 0 到 100 之间'),
      })
      .strict()
      .refine((s) => s.weights.org + s.weights.members + s.weights.public + s.weights.society > 0, '四评的权重不能都为 0'),
  ).returns<PipelineSettings>(),
  'pipeline.board': method(() => z.object({ year: year(), scopeOrgId: id().optional() }).strict()).returns<PipelineBoard>(),
  'pipeline.branch': method(() => z.object({ orgId: id(), year: year() }).strict()).returns<PipelineBranchView>(),
  'pipeline.advance': method(() => 
    z
      .object({
        orgId: id(),
        year: year(),
        to: pipelineStage(),
        evaluatedOn: text().max(20).nullable().optional(),
        evaluator: text().trim().max(100).nullable().optional(),
        scores: z.object({ scoreOrg: pipelineScore(), scoreMembers: pipelineScore(), scorePublic: pipelineScore(), scoreSociety: pipelineScore() }).strict().optional(),
        score: pipelineScore().nullable().optional(),
        result: z.enum(['pass', 'fail', 'named', 'kept']).nullable().optional(),
        evidence: text().max(1000).nullable().optional(),
        notes: text().max(1000).nullable().optional(),
        reason: text().trim().max(500).nullable().optional(),
      })
      .strict(),
  ).returns<PipelineMoveResult>(),
  'pipeline.sendBack': method(() => z.object({ orgId: id(), year: year(), to: pipelineStage(), reason: text().trim().min(1, '退回须写明理由').max(500) }).strict()).returns<PipelineMoveResult>(),
  /** After the draw: the accepted branches the draw did not pick are named in one step. */
  'pipeline.nameUndrawn': method(() => z.object({ year: year(), scopeOrgId: id().optional(), evaluatedOn: text().max(20).nullable().optional() }).strict()).returns<{ changeSetId: string | null; named: number }>(),
  // The city's draw by lot (市级抽查评估抽签): see shared/domain/draw.ts.
  'draw.candidates': method(() => z.object({ year: year(), scopeOrgId: id().optional(), ...drawOptions() }).strict()).returns<DrawCandidates>(),
  'draw.run': method(() => 
    z
      .object({
        year: year(),
        scopeOrgId: id().optional(),
        ...drawOptions(),
        seed: z.number().int('应为整数').min(0, '不能小于 0').max(maxDrawSeed, `不能大于 ${maxDrawSeed}`).optional(),
        witnesses: z.array(named(20)).max(10, '最多 10 名').optional(),
        reason: named(200).optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
  ).returns<DrawResult>(),
  'draw.list': method(() => z.object({ year: year().optional() }).strict()).returns<DrawResult[]>(),
  'draw.print': method(() => z.object({ drawId: id(), path: filePath() }).strict()).returns<{ file: string; fileName: string }>(),
  'ranking.list': method(() => z.object({ year: year(), scopeOrgId: id().optional() }).strict()).returns<BranchRanking>(),
  'ranking.reminders': method(() => z.object({ year: year(), scopeOrgId: id().optional() }).strict()).returns<ReminderList>(),
  'ranking.settings': method(() => z.object({}).strict()).returns<RankingSettings>(),
  'ranking.saveSettings': method(() => 
    z
      .object({
        weights: z.object({ checklist: weight(), evaluation: weight(), problems: weight() }).strict().refine((w) => w.checklist + w.evaluation + w.problems > 0, '各项权重不能都为 0'),
        bottomShare: z.number().min(0.01, '排名靠后的比例应在 1% 到 50% 之间').max(0.5, '排名靠后的比例应在 1% 到 50% 之间'),
      })
      .strict(),
  ).returns<RankingSettings>(),
  // Consolidation (汇总上报): see shared/domain/consolidate.ts.
  'consolidate.run': method(() => z.object({ templateId: text().max(60), year: year(), unitId: id().optional() }).strict()).returns<Consolidation>(),
  'consolidate.trace': method(() => z.object({ templateId: text().max(60), year: year(), unitId: id().optional(), rowUnitId: id(), field: fieldName() }).strict()).returns<FigureTrace>(),
  'consolidate.export': method(() => z.object({ templateId: text().max(60), year: year(), unitId: id().optional(), path: filePath() }).strict()).returns<ConsolidationExport>(),
  'returns.board': method(() => 
    z
      .object({
        templateIds: z.array(text().min(1).max(60)).min(1, '请至少选择一张报表').max(20),
        periods: z.array(returnPeriod()).min(1, '请至少选择一个年度').max(10),
        scopeOrgId: id().optional(),
        onDate: isoDate().optional(),
      })
      .strict(),
  ).returns<ReturnBoard>(),
  'returns.accept': method(() => z.object({ returnId: id(), reason: text().max(500).optional() }).strict()).returns<ReturnCell>(),
  'returns.reopen': method(() => z.object({ returnId: id(), reason: text().max(500) }).strict()).returns<ReturnCell>(),
  'returns.setDue': method(() => 
    z.object({ templateId: text().min(1).max(60), period: returnPeriod(), unitOrgIds: z.array(id()).min(1, '请至少选择一个单位').max(1000), dueOn: isoDate().nullable() }).strict(),
  ).returns<{ changed: number }>(),
  'returns.history': method(() => z.object({ returnId: id() }).strict()).returns<ReturnEventView[]>(),
  /**
   * 退回修改: an annotated copy of the previewed file (its problem cells marked, a 退回说明 sheet) written to a
   * path chosen with shell.chooseSaveFile, and the return moved to 退回修改; the preview is dropped (not imported).
   */
  'returns.sendBack': method(() => 
    z
      .object({
        sessionId: z.string().uuid(),
        reason: text().trim().min(1, '请填写退回原因').max(2000, '不能超过 2000 个字'),
        notes: z
          .array(z.object({ sheet: text().max(31).optional(), sourceRow: z.number().int().positive(), field: fieldName(), text: text().trim().min(1, '标注内容不能为空').max(500, '不能超过 500 个字') }).strict())
          .max(1000)
          .optional(),
        cells: z.array(z.object({ sheet: text().max(31), cell: z.string().regex(/^[A-Z]{1,3}[1-9]\d{0,6}$/, '应为单元格地址（列字母加行号）') }).strict()).max(100_000).optional(),
        path: filePath(),
      })
      .strict(),
  ).returns<SendBackResult>(),
  /** The previewed file's problem cells (what a send-back would mark) and, after a send-back, what became of them in this return. */
  'returns.roundCheck': method(() => z.object({ sessionId: z.string().uuid() }).strict()).returns<RoundCheckResult>(),
  /** Without a year: the ledger's latest. */
  'stats.tables': method(() => z.object({ year: year().optional(), scopeOrgId: id().optional(), compareYear: year().optional() }).strict()).returns<StatsTables>(),
  /** Every table of stats.tables as one workbook in the official style, to a file the save dialog chose. */
  'stats.export': method(() => z.object({ year: year(), scopeOrgId: id().optional(), compareYear: year().optional(), path: filePath() }).strict()).returns<{ file: string; fileName: string; sheets: string[] }>(),
  /** A chart drawn by the page, as PNG (base64, at most 20 MB of image), to a file the save dialog chose. */
  'stats.saveImage': method(() => z.object({ path: filePath(), data: text().max(28 * 1024 * 1024) }).strict()).returns<{ file: string; fileName: string; bytes: number }>(),
  /** The backups folder's good backups, newest first, with the retention and the database's health. */
  'backup.list': method(() => z.object({}).strict()).returns<BackupList>(),
  /** A backup now (SQLite's online backup, verified before it is named as one). */
  'backup.now': method(() => z.object({ note: visible(200).optional() }).strict()).returns<BackupInfo>(),
  /** Replace the database with a backup of the list (by name), after verifying it; the current one is kept as a backup first. */
  'backup.restore': method(() => z.object({ name: named(255) }).strict()).returns<RestoreResult>(),
  /** Restore from a file chosen in the open dialog (a backup copied from another PC or a USB stick). */
  'backup.restoreFile': method(() => z.object({ path: filePath() }).strict()).returns<RestoreResult>(),
  'backup.saveRetention': method(() => 
    z
      .object({
        daily: z.number().int().min(1, '至少保留 1 份').max(365, '不能超过 365 份'),
        monthly: z.number().int().min(0, '不能为负数').max(120, '不能超过 120 份'),
        beforeChangeDays: z.number().int().min(1, '至少保留 1 天').max(3650, '不能超过 3650 天'),
      })
      .strict(),
  ).returns<BackupRetention>(),
  /** The database's health as found at start (quick_check), with the latest good backup. */
  'app.health': method(() => z.object({}).strict()).returns<DbHealth>(),
  /** Whether a password is set, the accounts' names, whose session this is, the idle minutes. Answered while locked. */
  'auth.status': method(() => z.object({}).strict()).returns<AuthStatus>(),
  /** A staff account (the person's name, as 操作人); the first turns the password on and unlocks as that name. */
  'auth.addAccount': method(() => z.object({ name: staffName(), password: newPassword() }).strict()).returns<AuthStatus>(),
  'auth.unlock': method(() => z.object({ name: staffName(), password: givenPassword() }).strict()).returns<AuthStatus>(),
  'auth.lock': method(() => z.object({}).strict()).returns<AuthStatus>(),
  'auth.changePassword': method(() => z.object({ name: staffName(), oldPassword: givenPassword(), newPassword: newPassword() }).strict()).returns<AuthStatus>(),
  /** Confirmed with the password of the person unlocked; removing the last account turns the password off. */
  'auth.removeAccount': method(() => z.object({ name: staffName(), password: givenPassword() }).strict()).returns<AuthStatus>(),
  'auth.turnOff': method(() => z.object({ password: givenPassword() }).strict()).returns<AuthStatus>(),
  'auth.saveIdle': method(() => z.object({ minutes: z.number().int('应为整数分钟').min(0, '不能为负数（0 表示不自动锁定）').max(maxIdleMinutes, `不能超过 ${maxIdleMinutes} 分钟`) }).strict()).returns<AuthStatus>(),
  /** The spreadsheet the desktop app was started with (opened with it from the file manager), once; null when none waits. */
  'shell.takeGivenFile': method(() => z.object({}).strict()).returns<{ path: string | null }>(),
  /** Points behind on their work records for the year (the rule's minimum, pro rata to the day), by the branches under a unit. */
  'liaison.behind': method(() => z.object({ year: year(), scopeOrgId: id().optional() }).strict()).returns<LiaisonBehind>(),
  /** For a new point at this branch: the category from its grade, and the leaders of its township and county. */
  'liaison.pointProposal': method(() => z.object({ orgId: id(), year: year() }).strict()).returns<PointProposal>(),
  /** The first run's guided tour (帮助): offered on the screen after the first run, once. */
  'help.tour': method(() => z.object({}).strict()).returns<TourState>(),
  /** The tour was gone through or declined: not offered again. */
  'help.tourDone': method(() => z.object({ outcome: z.enum(['shown', 'skipped']) }).strict()).returns<TourState>(),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = Methods[M]['result'];

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
