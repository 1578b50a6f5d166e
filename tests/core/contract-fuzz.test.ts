/**
 * Malformed arguments to every method of the contract (the list taken from the contract
 * itself): each is refused with a Chinese INVALID_ARGS that names the field in Chinese,
 * never zod's English, never INTERNAL, in a reply of bounded size, and the database is
 * left exactly as it was.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { Envelope } from '../../shared/contract/errors.ts';
import { methodNames, methods, type MethodArgs, type MethodName } from '../../shared/contract/methods.ts';
import { seededCore } from '../helpers/core.ts';

const uuid = '0b7f0a7e-4c1d-4a8e-9d3b-2f6c5e1a9b00';
const choices = { attachment: 1, title: '天义镇党支部分类台账', reportingUnit: '中共宁城县委组织部', omitted: [], emptyAs: '' as const, titleFont: 'songBold' as const };

/** One well-formed call of each method: the base every malformed one is made from. Never sent as it is. */
const wellFormed: { [M in MethodName]: MethodArgs<M> } = {
  'app.info': {},
  'org.children': { parentId: 1, year: 2026, includeClosed: false, counts: true },
  'org.search': { query: '天义', limit: 10 },
  'org.create': { parentId: 1, level: 'branch', name: '新建党支部', kind: 'branch', code: '150425', field: 'village' },
  'org.update': { id: 2, name: '改名党支部', kind: 'branch', code: '150425', field: 'village' },
  'org.move': { id: 2, newParentId: 1 },
  'org.close': { id: 2, closedOn: '2026-03-01' },
  'org.reopen': { id: 2 },
  'org.history': { id: 2 },
  'ledger.years': {},
  'ledger.list': {
    year: 2026,
    scopeOrgId: 1,
    deleted: false,
    filter: { grade: ['lagging'], field: ['village'], standardised: true, text: '天义' },
    sort: [{ key: 'name', dir: 'asc' }],
    offset: 0,
    limit: 100,
  },
  'ledger.opening': { limit: 100 },
  'ledger.edit': { changes: [{ id: 1, field: 'secretary', value: '张三' }, { id: 1, field: 'membersFormal', value: 12 }], source: 'typed' },
  'ledger.addBranch': { year: 2026, parentId: 1, name: '新党支部', kind: 'branch', field: 'village' },
  'ledger.addBranches': { year: 2026, parentId: 1, names: ['第一党支部', '第二党支部'] },
  'ledger.delete': { ids: [1, 2] },
  'ledger.restore': { ids: [1] },
  'ledger.copyYear': { from: 2025, to: 2026 },
  'ledger.history': { id: 1 },
  'changes.undo': { changeSetId: uuid, year: 2026 },
  'changes.redo': { changeSetId: uuid, year: 2026 },
  'ledger.checks': { year: 2026, scopeOrgId: 1 },
  'dict.list': { dict: 'grade' },
  'dict.save': { dict: 'grade', code: 'middle', label: '中间', synonyms: ['一般'], active: true, sortOrder: 1 },
  'view.list': { grid: 'ledger' },
  'view.save': { grid: 'ledger', name: '我的视图', state: { columns: ['name'] } },
  'view.delete': { id: 1 },
  'view.rename': { id: 1, name: '我的视图' },
  'view.setDefault': { id: 1, isDefault: true },
  'settings.get': {},
  'setup.status': {},
  'divisions.search': { query: '宁城', limit: 10 },
  'setup.plan': { code: '150429' },
  'setup.init': { unit: '150429', extras: ['150429400'], operatorName: '李明' },
  'settings.save': {
    termOverdueYears: 3,
    liaisonRules: {
      leaderHasPoint: { enabled: true, positions: ['secretary'] },
      secretaryAtLagging: { enabled: true },
      laggingHasLeader: { enabled: true },
      fourOnes: { enabled: true, committeeKinds: ['township_committee'], fields: ['village'] },
      minVisits: { enabled: true, perYear: 4 },
    },
    unitId: 1,
    operatorName: '李明',
  },
  'records.list': { table: 'leader', year: 2026, scopeOrgId: 1, deleted: false, leaderId: 1, liaisonId: 1, orgId: 1, due: 'overdue', status: ['open'], text: '张' },
  'records.add': { table: 'leader', year: 2026, rows: [{ name: '张三', position: 'secretary', committeeId: 1 }], source: 'typed' },
  'records.edit': { table: 'leader', year: 2026, changes: [{ id: 1, field: 'name', value: '李四' }], source: 'typed' },
  'records.delete': { table: 'leader', ids: [1] },
  'records.restore': { table: 'leader', year: 2026, ids: [1] },
  'records.history': { table: 'leader', id: 1 },
  'shell.chooseSaveFile': { suggestedName: '台账.xlsx' },
  'shell.chooseFolder': { suggestedName: '下发' },
  'shell.chooseOpenFile': {},
  'shell.openPath': { path: '/tmp/台账.xlsx' },
  'templates.list': {},
  'export.preview': { templateId: 'branch-ledger', scope: { year: 2026, scopeOrgId: 1, filter: { text: '天义' }, rowIds: [1, 2] }, choices },
  'export.run': { templateId: 'branch-ledger', scope: { year: 2026 }, choices, path: '/tmp/台账.xlsx' },
  'export.sendDown': { templateId: 'branch-ledger', parentOrgId: 1, year: 2026, choices, folder: '/tmp/下发', blankRows: 5 },
  'export.batches': { limit: 10 },
  'import.open': { path: '/tmp/填报.xlsx', templateId: 'branch-ledger', year: 2026, mapping: [{ index: 0, field: 'name' }], rememberMapping: true },
  'import.upload': { name: '填报.xlsx', data: 'UEsDBA==' },
  'import.commit': {
    sessionId: uuid,
    decisions: {
      rejectRows: [3],
      acceptRows: [4],
      cells: [{ sourceRow: 5, field: 'grade', accept: true }],
      clears: true,
    },
  },
  'import.fix': { sessionId: uuid, sourceRow: 6, field: 'membersFormal', value: 12 },
  'import.mapValues': { sessionId: uuid, choices: [{ dict: 'strongest_status', value: '否', code: 'none', remember: true }] },
  'import.discard': { sessionId: uuid },
  'import.history': { limit: 10 },
  'liaison.rules': { year: 2026, scopeOrgId: 1 },
  'liaison.leaderCard': { leaderId: 1, year: 2026 },
  'liaison.branchCard': { orgId: 1, year: 2026 },
  'stats.summary': { year: 2026, scopeOrgId: 1 },
  'problems.claim': { id: 1, responsible: '王刚', claimedBy: '李明', leaderId: 1, claimedOn: '2026-03-01', dueOn: '2026-06-30', reason: '理由', note: '说明' },
  'problems.start': { id: 1, measures: '整改措施', dueOn: '2026-06-30', reason: '理由', note: '说明' },
  'problems.clear': { id: 1, acceptedBy: '张伟', acceptedOn: '2026-03-10', result: '已整改', reason: '理由', note: '说明' },
  'problems.reopen': { id: 1, reason: '复查发现反弹', note: '说明' },
  'problems.note': { id: 1, note: '已完成一半', at: '2026-03-10' },
  'problems.steps': { id: 1 },
  'problems.closure': { year: 2026, unitOrgId: 1 },
  'standards.list': { year: 2026 },
  'standards.save': { id: 1, year: 2026, criterion: 'political', text: '落实“第一议题”制度', field: 'village', active: true },
  'standards.move': { id: 1, direction: 'up' },
  'standards.copyYear': { from: 2025, to: 2026 },
  'standards.loadExample': { year: 2026 },
  'checklist.branch': { orgId: 1, year: 2026 },
  'checklist.mark': { orgId: 1, year: 2026, marks: [{ standardId: 1, met: false, note: '党费未按月收缴' }] },
  'checklist.shares': { year: 2026, unitId: 1 },
  'checklist.generateProblems': { year: 2026, orgIds: [1] },
  'pipeline.settings': {},
  'pipeline.saveSettings': { weights: { org: 40, members: 20, public: 20, society: 20 }, passMark: 85 },
  'pipeline.board': { year: 2026, scopeOrgId: 1 },
  'pipeline.branch': { orgId: 1, year: 2026 },
  'pipeline.advance': { orgId: 1, year: 2026, to: 'township', scores: { scoreOrg: 90, scoreMembers: 90, scorePublic: 90, scoreSociety: 90 }, reason: '理由' },
  'pipeline.sendBack': { orgId: 1, year: 2026, to: 'self', reason: '理由' },
  'pipeline.nameUndrawn': { year: 2026, scopeOrgId: 1 },
  'draw.candidates': { year: 2026, scopeOrgId: 1, share: 0.1, byField: true, rounding: 'half_up_min1' },
  'draw.run': { year: 2026, scopeOrgId: 1, share: 0.1, byField: true, rounding: 'half_up_min1', seed: 1, witnesses: ['张三'], reason: '重抽', dryRun: true },
  'draw.list': { year: 2026 },
  'draw.print': { drawId: 1, path: '/tmp/抽签记录.xlsx' },
  'ranking.list': { year: 2026, scopeOrgId: 1 },
  'ranking.reminders': { year: 2026, scopeOrgId: 1 },
  'ranking.settings': {},
  'ranking.saveSettings': { weights: { checklist: 40, evaluation: 40, problems: 20 }, bottomShare: 0.1 },
  'consolidate.run': { templateId: 'org-summary', year: 2026, unitId: 1 },
  'consolidate.trace': { templateId: 'org-summary', year: 2026, unitId: 1, rowUnitId: 2, field: 'branches' },
  'consolidate.export': { templateId: 'org-summary', year: 2026, unitId: 1, path: '/tmp/汇总.xlsx' },
  'returns.board': { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: 1, onDate: '2026-03-15' },
  'returns.accept': { returnId: 1, reason: '核对无误' },
  'returns.reopen': { returnId: 1, reason: '更正党员人数' },
  'returns.setDue': { templateId: 'branch-ledger', period: '2026', unitOrgIds: [2, 3], dueOn: '2026-03-31' },
  'returns.history': { returnId: 1 },
  'returns.sendBack': { sessionId: uuid, reason: '数据有误', notes: [{ sheet: '党支部分类台账', sourceRow: 6, field: 'grade', text: '请核对' }], cells: [{ sheet: '党支部分类台账', cell: 'G6' }], path: '/tmp/退回.xlsx' },
  'returns.roundCheck': { sessionId: uuid },
  'stats.tables': { year: 2026, scopeOrgId: 1, compareYear: 2025 },
  'stats.export': { year: 2026, scopeOrgId: 1, compareYear: 2025, path: '/tmp/统计分析.xlsx' },
  'stats.saveImage': { path: '/tmp/统计图.png', data: 'iVBORw0KGgo=' },
  'backup.list': {},
  'backup.now': { note: '换届前' },
  'backup.restore': { name: 'zugong-20261206-190000-manual.db' },
  'backup.restoreFile': { path: '/tmp/备份.db' },
  'backup.saveRetention': { daily: 30, monthly: 12, beforeChangeDays: 30 },
  'app.health': {},
  'auth.status': {},
  'auth.addAccount': { name: '王芳', password: 'mima2026' },
  'auth.unlock': { name: '王芳', password: 'mima2026' },
  'auth.lock': {},
  'auth.changePassword': { name: '王芳', oldPassword: 'mima2026', newPassword: 'xinmima2027' },
  'auth.removeAccount': { name: '王芳', password: 'mima2026' },
  'auth.turnOff': { password: 'mima2026' },
  'auth.saveIdle': { minutes: 10 },
  'shell.takeGivenFile': {},
  'liaison.behind': { year: 2026, scopeOrgId: 1 },
  'liaison.pointProposal': { orgId: 1, year: 2026 },
  'help.tour': {},
  'help.tourDone': { outcome: 'skipped' },
};

/** Values that are wrong somewhere: each is tried in every place, and sent where the schema refuses it. */
const wrongValues: unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1,
  0,
  1.5,
  2 ** 60,
  '',
  'x'.repeat(100_001),
  'a\0b',
  '\u200B',
  '\u202Eabc',
  true,
  {},
  [],
  { 多余: { 更深: [1, 2, 3] } },
];

type Path = (string | number)[];

/** Every place in a value: each object key and array position, at every depth. */
function places(value: unknown, above: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...above, i], ...places(v, [...above, i])]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...above, k], ...places(v, [...above, k])]);
  return [];
}

/** A copy of `value` with `path` set to `to` (undefined: the key left out). */
function replaced(value: unknown, path: Path, to: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (to === undefined && !Array.isArray(at)) delete at[last];
  else at[last] = to;
  return copy;
}

function stringPlaces(value: unknown): Path[] {
  return places(value).filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value) === 'string');
}

const zodWords = /Too small|Too big|Invalid|expected|received|Unrecognized|\b(?:string|number|object|array|boolean|undefined|null|NaN|record|union|option|input)\b/i;

interface Sent {
  method: string;
  what: string;
  reply: Envelope<unknown>;
}

/** What is wrong with a reply to a malformed call; empty when it is what a person should get. */
function faults({ reply }: Sent, { strict = true } = {}): string[] {
  const out: string[] = [];
  if (reply.ok) return ['accepted'];
  const size = Buffer.byteLength(JSON.stringify(reply));
  if (reply.error.code !== 'INVALID_ARGS') out.push(`code ${reply.error.code}`);
  if (!/[\u4e00-\u9fff]/.test(reply.error.message)) out.push('no Chinese');
  if (zodWords.test(reply.error.message)) out.push(`English: ${reply.error.message}`);
  // Nothing Latin but code points (U+200B): no keys, no method names, no schema words.
  if (strict && /[A-Za-z]/.test(reply.error.message.replace(/U\+[0-9A-F]{4,}/g, ''))) out.push(`Latin letters: ${reply.error.message}`);
  if (size >= 20_000) out.push(`reply of ${size} bytes`);
  return out;
}

function dump(core: Core): string {
  const { sqlite } = core.conn;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const hash = createHash('sha256');
  for (const t of tables) {
    // Sorted here: some tables are WITHOUT ROWID.
    const rows = sqlite.prepare(`SELECT * FROM "${t}"`).all().map((row) => JSON.stringify(row)).sort();
    hash.update(`${t}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

describe('malformed arguments to every method', () => {
  let core: Core;
  let before: string;
  beforeAll(async () => {
    ({ core } = await seededCore('small'));
    before = dump(core);
  });
  afterAll(async () => {
    await core.close();
  });

  it('start from a well-formed call of every method in the contract', () => {
    expect(Object.keys(wellFormed).sort()).toEqual([...methodNames].sort());
    for (const method of methodNames) {
      const parsed = methods[method].args.safeParse(wellFormed[method]);
      expect(parsed.success, `${method}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('are refused, each with a Chinese INVALID_ARGS of bounded size, and change nothing', async () => {
    const sent: Sent[] = [];
    const send = async (method: MethodName, what: string, args: unknown) => sent.push({ method, what, reply: await core.invoke(method, args) });
    for (const method of methodNames) {
      const base = wellFormed[method];
      for (const whole of [null, 0, Number.NaN, 'app.info', true, [], [base]]) await send(method, `whole ${JSON.stringify(whole)}`, whole);
      await send(method, 'an unknown key', { ...base, 多余的字段: 1 });
      for (const path of places(base)) {
        for (const wrong of wrongValues) {
          const args = replaced(base, path, wrong);
          // Only what the contract refuses is sent: a value it takes would run the method.
          if (methods[method].args.safeParse(args).success) continue;
          await send(method, `${path.join('.')} = ${typeof wrong === 'string' ? JSON.stringify(wrong.slice(0, 10)) : JSON.stringify(wrong)}`, args);
        }
      }
    }
    const bad = sent.flatMap((s) => faults(s).map((f) => `${s.method} (${s.what}): ${f}`));
    expect(bad.slice(0, 20)).toEqual([]);
    expect(sent.filter((s) => !s.reply.ok && s.reply.error.code === 'INTERNAL')).toHaveLength(0);
    expect(sent.length).toBeGreaterThan(2000);
    expect(dump(core)).toBe(before);
  });

  it('refuse a NUL in any text that crosses the boundary', async () => {
    let tried = 0;
    for (const method of methodNames) {
      for (const path of stringPlaces(wellFormed[method])) {
        const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], wellFormed[method]) as string;
        const reply = await core.invoke(method, replaced(wellFormed[method], path, `${value}\0`));
        expect(faults({ method, what: path.join('.'), reply }), `${method} ${path.join('.')}`).toEqual([]);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(60);
    expect(dump(core)).toBe(before);
  });

  it('refuse control and invisible characters in names, naming the field and the character', async () => {
    const names: [MethodName, Path, string][] = [
      ['org.create', ['name'], '党组织名称'],
      ['org.create', ['code'], '单位代码'],
      ['org.update', ['name'], '党组织名称'],
      ['ledger.addBranch', ['name'], '党支部名称'],
      ['ledger.addBranches', ['names', 1], '党支部名称第 2 项'],
      ['view.save', ['name'], '视图名称'],
      ['dict.save', ['label'], '选项名称'],
      ['dict.save', ['synonyms', 0], '同义词第 1 项'],
      ['shell.chooseSaveFile', ['suggestedName'], '建议的文件名'],
      ['import.upload', ['name'], '文件名'],
      ['export.run', ['choices', 'title'], '导出选项的标题'],
      ['export.run', ['choices', 'reportingUnit'], '导出选项的填报单位'],
    ];
    for (const [method, path, label] of names) {
      for (const [hidden, what] of [
        ['\0', '空字符'],
        ['\u200B', '零宽空格'],
        ['\u202E', '文字方向控制符'],
        ['\u2067', '文字方向控制符'],
        ['\uFEFF', '字节顺序标记'],
        ['\u0007', '控制字符'],
        ['\n', '换行符'],
      ]) {
        const reply = await core.invoke(method, replaced(wellFormed[method], path, `天义${hidden}镇`));
        expect(faults({ method, what: label, reply }), `${method} ${path.join('.')} ${JSON.stringify(hidden)}`).toEqual([]);
        if (!reply.ok) expect(reply.error.message).toContain(`${label}第 3 个字是看不见的${what}`);
      }
    }
    expect(dump(core)).toBe(before);
  });

  it('refuse a dictionary the program does not have', async () => {
    for (const dict of ['../../etc/passwd', 'no_such_dict', '']) {
      for (const method of ['dict.save', 'dict.list'] as const) {
        const reply = await core.invoke(method, { ...wellFormed[method], dict });
        expect(faults({ method, what: dict, reply })).toEqual([]);
        if (!reply.ok) expect(reply.error.message).toMatch(/^“(保存字典项|读取字典)”的参数不正确：字典不是可选的值/);
      }
    }
    expect(dump(core)).toBe(before);
  });

  it('answer a million unknown keys, or a hundred thousand bad changes, in a few hundred bytes', async () => {
    const flood: Record<string, number> = {};
    for (let i = 0; i < 1_000_000; i++) flood[`k${i}`] = i;
    const keys = await core.invoke('app.info', flood);
    expect(faults({ method: 'app.info', what: 'a million keys', reply: keys }, { strict: false })).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(keys))).toBeLessThan(2_000);
    if (!keys.ok) expect(keys.error.message).toBe('“读取程序信息”的参数不正确：参数含有不认识的字段 k0、k1、k2 等 1000000 个。');

    const changes = Array.from({ length: 100_000 }, (_, i) => ({ id: -i, field: 'nope', value: {} }));
    const edits = await core.invoke('ledger.edit', { changes, source: 'typed' });
    expect(faults({ method: 'ledger.edit', what: '100,000 bad changes', reply: edits })).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(edits))).toBeLessThan(20_000);
    if (!edits.ok) expect(edits.error.details).toMatchObject({ count: 300_000 });
    expect(dump(core)).toBe(before);
  });

  it('take absent arguments as none, and refuse null like any other value', async () => {
    expect(await core.invoke('ledger.years', undefined)).toMatchObject({ ok: true });
    expect(await core.invoke('ledger.years', null)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: '“读取台账年度”的参数不正确：参数应为一组值。' } });
  });
});
