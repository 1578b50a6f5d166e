/**
 * The one map of what the UI (or the CLI, or a test) may ask of the core.
 * Each method: a zod schema for its arguments (validated by the core at the
 * boundary) and a phantom result type (what the caller gets back).
 * Later capabilities add entries here, then a handler in electron/core.
 */
import { z } from 'zod';
import type {
  AppInfo, AuditEntry, BranchCard, CheckResult, DictEntry, EditResult, LeaderCard, LedgerList, LedgerRow, LiaisonRules, OrgChildren, OrgNode,
  OrgSearchHit, RecordEditResult, RecordList, RecordRow, SavedView, Settings, StatsSummary, TemplateInfo, ExportPreview, ExportResult,
  SendDownResult, ExportBatchInfo, BranchRanking, ReminderList, Division, SetupPlan, SetupResult, SetupStatus, ImportBatchInfo, ImportCommitResult, ImportFixResult, ImportPreview, UndoResult,
} from './types.ts';
import { defaultDictionaries } from '../domain/defaults.ts';
import { ledgerColumns } from '../domain/ledger.ts';
import { hiddenCharacter, hiddenCharacterMessage } from '../domain/names.ts';
import { orgLevels } from '../domain/org.ts';
import { recordTableNames } from '../domain/records.ts';
import type { RankingSettings } from '../domain/ranking.ts';

interface MethodDef<A extends z.ZodType, R> {
  args: A;
  /** Never read at run time; carries the result type. */
  result: R;
}

function method<A extends z.ZodType>(args: A) {
  return { returns: <R>(): MethodDef<A, R> => ({ args, result: undefined as R }) };
}

const year = z.number().int().min(1949).max(2100);
const id = z.number().int().positive();
const ids = z.array(id).min(1).max(200_000);
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
const name = named(100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为“年-月-日”格式的日期，如 2026-03-15');
/** A unit's code (统一代码 or the city's own); empty or null when it has none. */
const code = z.string().trim().max(40, '不能超过 40 个字').superRefine(refuseHidden).nullable();
const ledgerField = z.enum(ledgerColumns.map((c) => c.field) as [string, ...string[]]);
/** What a cell can carry from the grid or a paste: kept as typed, parsed by the core. */
const cellValue = z.union([text().max(2000), z.number(), z.boolean(), z.null()]);
const editSource = z.enum(['typed', 'paste', 'fill']);
const recordTable = z.enum(recordTableNames);
/** A part's weight in a score made of settings. */
const weight = z.number().min(0, '权重不能为负数').max(100, '权重不能超过 100');
const fieldName = z.string().regex(/^[a-zA-Z]{1,40}$/, '不是程序认识的列');
/** The dictionaries of 设置 (each city edits their entries, not the set of dictionaries). */
const dictName = z.enum(Object.keys(defaultDictionaries) as [string, ...string[]]);
const codeList = z.array(text().min(1).max(40)).max(40);
const liaisonRules = z
  .object({
    leaderHasPoint: z.object({ enabled: z.boolean(), positions: codeList }).strict(),
    secretaryAtLagging: z.object({ enabled: z.boolean() }).strict(),
    laggingHasLeader: z.object({ enabled: z.boolean() }).strict(),
    fourOnes: z.object({ enabled: z.boolean(), committeeKinds: codeList, fields: codeList.min(1) }).strict(),
    minVisits: z.object({ enabled: z.boolean(), perYear: z.number().int().min(1).max(52) }).strict(),
  })
  .strict();
/** The ledger grid's filters: by grade, field, standardised, text. */
const ledgerFilter = z
  .object({
    grade: z.array(text().max(40)).max(20).optional(),
    field: z.array(text().max(40)).max(40).optional(),
    standardised: z.boolean().nullable().optional(),
    text: text().max(50).optional(),
  })
  .strict();
const exportScope = z
  .object({
    year,
    scopeOrgId: id.optional(),
    filter: ledgerFilter.optional(),
    /** Exactly these rows, in this order: the rows of the grid as the user sees them. */
    rowIds: z.array(id).max(200_000).optional(),
  })
  .strict();
const exportChoices = z
  .object({
    attachment: z.number().int().min(1).max(99),
    title: named(120),
    reportingUnit: visible(80),
    omitted: z.array(text().max(80)).max(100),
    emptyAs: z.enum(['', '—', '无']),
    titleFont: z.enum(['fzxbs', 'songBold']),
  })
  .strict();
const filePath = text().min(1).max(1000);
/** A grid's columns, filters and sort as the grid keeps them: stored as JSON, so checked as JSON. */
const viewState = z.record(text(), z.unknown()).superRefine((state, ctx) => {
  let json: string;
  try {
    json = JSON.stringify(state);
  } catch {
    ctx.addIssue({ code: 'custom', message: '无法保存（不是表格的设置）' });
    return;
  }
  if (json.length > 200_000) ctx.addIssue({ code: 'custom', message: '太大，不像是表格的设置' });
  else if (json.includes('\\u0000')) ctx.addIssue({ code: 'custom', message: '含有空字符（U+0000）' });
});
const sortKey = z.enum(['township', 'name', 'membersFormal', 'membersProbationary', 'secretary', 'grade', 'termChangedOn']);

export const methods = {
  'app.info': method(z.object({}).strict()).returns<AppInfo>(),

  'org.children': method(
    z
      .object({
        parentId: id.nullable(),
        year: year.optional(),
        includeClosed: z.boolean().optional(),
        /** false: skip the subtree totals (pickers need names only; totals over 100,000 branches cost time). */
        counts: z.boolean().optional(),
      })
      .strict(),
  ).returns<OrgChildren>(),

  'org.search': method(z.object({ query: text().trim().min(1).max(50), limit: z.number().int().min(1).max(200).optional() }).strict()).returns<OrgSearchHit[]>(),
  /** parentId null: a new top of the tree (a league's city committee, or a banner's own committee). */
  'org.create': method(
    z
      .object({
        parentId: id.nullable(),
        level: z.enum(orgLevels).optional(),
        name,
        kind: text().min(1).max(40).optional(),
        code: code.optional(),
        field: text().max(40).nullable().optional(),
      })
      .strict(),
  ).returns<OrgNode>(),
  'org.update': method(
    z.object({ id, name: name.optional(), kind: text().min(1).max(40).optional(), code: code.optional(), field: text().max(40).nullable().optional() }).strict(),
  ).returns<OrgNode>(),
  'org.move': method(z.object({ id, newParentId: id }).strict()).returns<OrgNode>(),
  'org.close': method(z.object({ id, closedOn: isoDate }).strict()).returns<{ closed: number }>(),
  'org.reopen': method(z.object({ id }).strict()).returns<OrgNode>(),
  'org.history': method(z.object({ id }).strict()).returns<AuditEntry[]>(),

  'ledger.years': method(z.object({}).strict()).returns<number[]>(),
  'ledger.list': method(
    z
      .object({
        year,
        scopeOrgId: id.optional(),
        deleted: z.boolean().optional(),
        filter: ledgerFilter.optional(),
        sort: z.array(z.object({ key: sortKey, dir: z.enum(['asc', 'desc']) }).strict()).max(5).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(200_000).optional(),
      })
      .strict(),
  ).returns<LedgerList>(),
  'ledger.edit': method(
    z
      .object({
        changes: z.array(z.object({ id, field: ledgerField, value: cellValue }).strict()).min(1).max(500_000),
        source: editSource,
      })
      .strict(),
  ).returns<EditResult>(),
  'ledger.addBranch': method(
    z.object({ year, parentId: id, name, kind: text().max(40).optional(), field: text().max(40).nullable().optional() }).strict(),
  ).returns<LedgerRow & { changeSetId: string }>(),
  /** Several new branches at once (a paste longer than the grid), in one transaction and one change set. */
  'ledger.addBranches': method(
    z.object({ year, parentId: id, names: z.array(name).min(1).max(20_000) }).strict(),
  ).returns<{ changeSetId: string; rows: LedgerRow[] }>(),
  'ledger.delete': method(z.object({ ids }).strict()).returns<{ changeSetId: string; deleted: number }>(),
  'ledger.restore': method(z.object({ ids }).strict()).returns<LedgerRow[]>(),
  'ledger.copyYear': method(z.object({ from: year, to: year }).strict()).returns<{ copied: number; skipped: number; closed: number }>(),
  'ledger.history': method(z.object({ id }).strict()).returns<AuditEntry[]>(),
  /**
   * The one undo: reverts a change set, whatever it touched (ledger cells, record tables, the tree,
   * a whole import); refused, naming what, if anything changed since. `year`: the year whose
   * counters record rows come back with (a grid's), this year when not given.
   */
  'changes.undo': method(z.object({ changeSetId: z.string().uuid(), year: year.optional() }).strict()).returns<UndoResult>(),
  /** Redoes what an undo undid: given the undo's change set, or the one it undid. */
  'changes.redo': method(z.object({ changeSetId: z.string().uuid(), year: year.optional() }).strict()).returns<UndoResult>(),
  'ledger.checks': method(z.object({ year, scopeOrgId: id.optional() }).strict()).returns<CheckResult[]>(),

  'dict.list': method(z.object({ dict: dictName.optional() }).strict()).returns<DictEntry[]>(),
  'dict.save': method(
    z
      .object({
        dict: dictName,
        code: text().min(1).max(40).optional(),
        label: name,
        synonyms: z.array(named(40)).max(50),
        active: z.boolean(),
        sortOrder: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
  ).returns<DictEntry>(),

  'view.list': method(z.object({ grid: text().min(1).max(40) }).strict()).returns<SavedView[]>(),
  'view.save': method(z.object({ grid: text().min(1).max(40), name, state: viewState }).strict()).returns<SavedView>(),
  'view.delete': method(z.object({ id }).strict()).returns<{ deleted: boolean }>(),

  'settings.get': method(z.object({}).strict()).returns<Settings>(),
  'settings.save': method(
    z
      .object({
        termOverdueYears: z.number().int().min(1).max(20).optional(),
        liaisonRules: liaisonRules.optional(),
        unitId: id.nullable().optional(),
        operatorName: named(20).nullable().optional(),
      })
      .strict(),
  ).returns<Settings>(),

  /** First run: is there a tree yet, and which unit and person this copy serves. */
  'setup.status': method(z.object({}).strict()).returns<SetupStatus>(),
  /** The bundled divisions of Inner Mongolia, by name, code or pinyin initials. */
  'divisions.search': method(z.object({ query: text().trim().min(1).max(50), limit: z.number().int().min(1).max(200).optional() }).strict()).returns<Division[]>(),
  'setup.plan': method(z.object({ code: z.string().regex(/^\d{4}(\d{2}(\d{3})?)?$/, '应为 4、6 或 9 位区划代码') }).strict()).returns<SetupPlan>(),
  /** Builds the tree below the chosen division (a code, or a name such as 宁城县) in an empty database. */
  'setup.init': method(
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
  'records.list': method(
    z
      .object({
        table: recordTable,
        year,
        scopeOrgId: id.optional(),
        deleted: z.boolean().optional(),
        leaderId: id.optional(),
        liaisonId: id.optional(),
        orgId: id.optional(),
        /** Projects: overdue, or due within 10 or 20 days. */
        due: z.enum(['overdue', 'soon10', 'soon20']).optional(),
        text: text().trim().max(50).optional(),
      })
      .strict(),
  ).returns<RecordList>(),
  /** New records; refs (leaderId, orgId, liaisonId, committeeId) are ids chosen in pickers. */
  'records.add': method(
    z
      .object({
        table: recordTable,
        year,
        rows: z.array(z.record(fieldName, cellValue)).min(1).max(5000),
        source: z.enum(['typed', 'paste']),
      })
      .strict(),
  ).returns<RecordEditResult>(),
  'records.edit': method(
    z
      .object({
        table: recordTable,
        /** The year the grid shows: the rows come back with that year's counters. */
        year,
        changes: z.array(z.object({ id, field: fieldName, value: cellValue }).strict()).min(1).max(200_000),
        source: editSource,
      })
      .strict(),
  ).returns<RecordEditResult>(),
  'records.delete': method(z.object({ table: recordTable, ids }).strict()).returns<{ changeSetId: string | null; deleted: number }>(),
  'records.restore': method(z.object({ table: recordTable, year, ids }).strict()).returns<RecordRow[]>(),
  'records.history': method(z.object({ table: recordTable, id }).strict()).returns<AuditEntry[]>(),

  /** The window's dialogs (Electron main; the harness and tests use a folder of their own). */
  'shell.chooseSaveFile': method(z.object({ suggestedName: named(200) }).strict()).returns<{ path: string | null }>(),
  'shell.chooseFolder': method(z.object({ suggestedName: named(200) }).strict()).returns<{ path: string | null }>(),
  'shell.chooseOpenFile': method(z.object({}).strict()).returns<{ path: string | null }>(),
  /** Opens a file or folder the user chose before (export's "open folder"). */
  'shell.openPath': method(z.object({ path: filePath }).strict()).returns<{ opened: boolean }>(),

  'templates.list': method(z.object({}).strict()).returns<TemplateInfo[]>(),
  'export.preview': method(z.object({ templateId: text().max(60), scope: exportScope, choices: exportChoices }).strict()).returns<ExportPreview>(),
  /** Writes one file to a path chosen with shell.chooseSaveFile; progress arrives as 'progress' events. */
  'export.run': method(z.object({ templateId: text().max(60), scope: exportScope, choices: exportChoices.optional(), path: filePath }).strict()).returns<ExportResult>(),
  /** One prefilled file per unit directly under parentOrgId, into a folder chosen with shell.chooseFolder. */
  'export.sendDown': method(
    z
      .object({
        templateId: text().max(60),
        parentOrgId: id,
        year,
        choices: exportChoices.optional(),
        folder: filePath,
        blankRows: z.number().int().min(0).max(200).optional(),
      })
      .strict(),
  ).returns<SendDownResult>(),
  'export.batches': method(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict()).returns<ExportBatchInfo[]>(),

  /** Reads a file chosen with shell.chooseOpenFile, compares it with what is held; writes nothing. */
  'import.open': method(
    z
      .object({
        path: filePath,
        templateId: text().max(60).optional(),
        year: year.optional(),
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
  'import.upload': method(
    z
      .object({
        name: named(200),
        /** Base64; at most 100 MB of file. */
        data: text().max(140 * 1024 * 1024),
      })
      .strict(),
  ).returns<{ path: string }>(),
  'import.commit': method(
    z
      .object({
        sessionId: z.string().uuid(),
        decisions: z
          .object({
            rejectRows: z.array(z.number().int().positive()).max(500_000).optional(),
            acceptRows: z.array(z.number().int().positive()).max(500_000).optional(),
            cells: z.array(z.object({ sourceRow: z.number().int().positive(), field: fieldName, accept: z.boolean() }).strict()).max(1_000_000).optional(),
            clears: z.boolean().optional(),
            newUnits: z.array(z.object({ key: text().max(200), create: z.boolean(), parentId: id.nullable().optional() }).strict()).max(1000).optional(),
            sheets: z
              .array(
                z
                  .object({
                    sheet: text().max(31),
                    rejectRows: z.array(z.number().int().positive()).max(500_000).optional(),
                    acceptRows: z.array(z.number().int().positive()).max(500_000).optional(),
                    cells: z.array(z.object({ sourceRow: z.number().int().positive(), field: fieldName, accept: z.boolean() }).strict()).max(1_000_000).optional(),
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
  'import.fix': method(
    z.object({ sessionId: z.string().uuid(), sheet: text().max(31).optional(), sourceRow: z.number().int().positive(), field: fieldName, value: cellValue }).strict(),
  ).returns<ImportFixResult>(),
  /**
   * What unknown values of dictionary columns mean: each choice applies to every cell holding the
   * value (read and compared again) and, with `remember`, is kept as a synonym of the entry (audited).
   */
  'import.mapValues': method(
    z
      .object({
        sessionId: z.string().uuid(),
        choices: z
          .array(z.object({ dict: dictName, value: text().min(1).max(200), code: text().min(1).max(40).nullable(), remember: z.boolean() }).strict())
          .min(1)
          .max(500),
      })
      .strict(),
  ).returns<ImportPreview>(),
  'import.discard': method(z.object({ sessionId: z.string().uuid() }).strict()).returns<{ discarded: boolean }>(),
  'import.history': method(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict()).returns<ImportBatchInfo[]>(),

  'liaison.rules': method(z.object({ year, scopeOrgId: id.optional() }).strict()).returns<LiaisonRules>(),
  'liaison.leaderCard': method(z.object({ leaderId: id, year }).strict()).returns<LeaderCard>(),
  'liaison.branchCard': method(z.object({ orgId: id, year }).strict()).returns<BranchCard>(),

  'stats.summary': method(z.object({ year: year.optional(), scopeOrgId: id.optional() }).strict()).returns<StatsSummary>(),

  'ranking.list': method(z.object({ year, scopeOrgId: id.optional() }).strict()).returns<BranchRanking>(),
  'ranking.reminders': method(z.object({ year, scopeOrgId: id.optional() }).strict()).returns<ReminderList>(),
  'ranking.settings': method(z.object({}).strict()).returns<RankingSettings>(),
  'ranking.saveSettings': method(
    z
      .object({
        weights: z.object({ checklist: weight, evaluation: weight, problems: weight }).strict().refine((w) => w.checklist + w.evaluation + w.problems > 0, '各项权重不能都为 0'),
        bottomShare: z.number().min(0.01, '排名靠后的比例应在 1% 到 50% 之间').max(0.5, '排名靠后的比例应在 1% 到 50% 之间'),
      })
      .strict(),
  ).returns<RankingSettings>(),
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
