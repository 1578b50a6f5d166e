/**
 * `npm run cli -- <command>`: the same core as the window, for scripting, checks
 * and benchmarks. Results go to stdout; errors to stderr in Chinese, exit code 1
 * (2 for a command line that cannot be understood).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtinTemplates, findTemplate } from '../../../shared/templates/index.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import { createCore, toAppError, type Core } from '../createCore.ts';
import { buildSeed, writeSeed } from '../services/seed/index.ts';
import { copyTo } from '../services/backup/take.ts';
import { seedSizes, type SeedSize } from '../services/seed/generate.ts';
import { witnessNames, type DrawResult } from '../../../shared/domain/draw.ts';
import { differenceText, figureText, type Consolidation } from '../../../shared/domain/consolidate.ts';

const usage = `用法：npm run cli -- <命令> [选项]

命令：
  init  --db 路径 [--unit 区划代码或名称] [--name 操作人] [--with 代码,代码]
                                                新建（或升级）一个数据库；加 --unit（如 150429 或 宁城县）时按内蒙古
                                                行政区划建立本单位及其下的苏木乡镇（街道），--with 另外建立园区、农牧场等
  seed  --db 路径 --size small|league|100k [--seed 数字] [--year 年份]
                                                写入演示数据（small：一个旗县；league：一个盟市约 8000 个党支部；100k：10 万个党支部）
  stats --db 路径 [--unit 单位代码] [--year 年份] [--json]
                                                统计（不指定单位则为本单位）：各级党组织数、各旗县区/领域/等次党支部数、领导干部和联系点数
  templates [--json]                            列出内置报表模板（编号、名称、版本）
  export --db 路径 --template 编号 --out 文件.xlsx [--unit 单位代码] [--year 年份] [--json]
                                                按正式格式导出报表（不指定单位则为本单位；未设本单位则为全部）
  import --db 路径 --file 文件 [--template 编号] [--year 年份] [--dry-run] [--clear] [--create-units] [--json]
                                                导入报送表或手工台账：识别、核对、比对；不加 --dry-run 时提交没有错误的内容；
                                                报送单位清空的单元格只在加 --clear 时清空；
                                                组织机构中没有的乡镇（街道）只在加 --create-units 时新建（建在建议的上级之下）
  draw  --db 路径 --year 年份 --witnesses 张三,李四 [--share 0.1] [--by-field] [--seed 数字] [--dry-run] [--reason 理由] [--unit 单位代码] [--json]
                                                市级抽查评估抽签：从通过旗县验收的党支部中按旗县区（加 --by-field 再按领域）分层抽取；
                                                不指定 --seed 时随机产生并打印；--dry-run 只预览不保存（此时可不写监督人）；已抽过签的年度须加 --reason 写明理由
  draw-record --db 路径 --draw 记录编号 --out 文件.xlsx
                                                导出可打印的抽签记录（含随机种子、各层候选数和抽中数、抽中名单、签字栏）
  consolidate --db 路径 --template 编号 --year 年份 [--unit 单位代码] --out 文件.xlsx [--json]
                                                汇总上报：按下一级单位汇总（含合计），写出上报用的正式报表并记为已上报；
                                                列出各单位数据来源（已采纳、待审核、退回修改中或未报送），以及与上次上报相比变化的数字
  backup --db 路径 [--out 文件] [--note 说明] [--json]
                                                备份数据库（SQLite 在线备份，校验通过后才命名为备份）：默认存入数据库旁的 backups 文件夹，
                                                加 --out 则写到指定文件（不覆盖已有文件）
  restore --db 路径 --from 文件 [--json]        从备份文件恢复：先校验该文件，再把当前数据库另存为一份备份，然后整体替换；
                                                校验不通过则不做任何改动
  help                                          显示本说明`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`缺少必填选项 --${name}。`);
  return v;
}

function intOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new UsageError(`选项 --${name} 应为整数，收到“${String(v)}”。`);
  return Number(v);
}

/** Every command but init and seed works on a database that is there: a mistyped --db creates nothing. */
async function existingCore(values: Record<string, unknown>): Promise<Core> {
  try {
    return await createCore({ dbPath: need(values, 'db'), host: 'cli', mustExist: true });
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', `${e.message}新建数据库请用 init 或 seed 命令。`, e.details);
    throw e;
  }
}

/** The unit a command works within: --unit (a code), else the department's own unit (设置), else the whole tree. */
async function unitScope(core: Core, values: Record<string, unknown>): Promise<number | undefined> {
  if (values.unit === undefined) return (await core.call('settings.get', {})).unitId ?? undefined;
  const code = String(values.unit).trim();
  const hit = (await core.call('org.search', { query: code, limit: 50 })).find((h) => h.node.code === code);
  if (!hit) throw new AppError('NOT_FOUND', `没有单位代码为“${code}”的党组织。`);
  return hit.node.id;
}

export async function runCli(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      db: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean' },
      template: { type: 'string' },
      out: { type: 'string' },
      unit: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean' },
      clear: { type: 'boolean' },
      'create-units': { type: 'boolean' },
      name: { type: 'string' },
      with: { type: 'string' },
      share: { type: 'string' },
      'by-field': { type: 'boolean' },
      reason: { type: 'string' },
      witnesses: { type: 'string' },
      draw: { type: 'string' },
      from: { type: 'string' },
      note: { type: 'string' },
    },
    strict: true,
  });
  const now = new Date();

  switch (command) {
    case 'init': {
      if (values.unit === undefined && (values.name !== undefined || values.with !== undefined)) throw new UsageError('--name 和 --with 要与 --unit 一起使用。');
      const core = await createCore({ dbPath: need(values, 'db'), host: 'cli' });
      try {
        const m = core.migration;
        out(m.from === m.to ? `数据库已是最新（第 ${m.to} 版）。\n` : `数据库已就绪：第 ${m.from} 版 → 第 ${m.to} 版${m.backupPath ? `，升级前的备份：${m.backupPath}` : ''}。\n`);
        if (values.unit !== undefined) {
          const extras = values.with === undefined ? [] : String(values.with).split(/[,，\s]+/).filter(Boolean);
          const r = await core.call('setup.init', {
            unit: String(values.unit),
            ...(extras.length ? { extras } : {}),
            ...(values.name !== undefined ? { operatorName: String(values.name) } : {}),
          });
          out(`已按区划建立组织机构：本单位“${r.unit.name}”（${r.unit.code ?? ''}），共 ${r.created} 个党组织。\n`);
        }
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'seed': {
      const dbPath = need(values, 'db');
      const size = need(values, 'size');
      if (!seedSizes.includes(size as SeedSize)) throw new UsageError(`--size 只能是 small、league 或 100k，收到“${size}”。`);
      const seed = intOption(values, 'seed', 1);
      const year = intOption(values, 'year', now.getFullYear());
      const data = buildSeed({ size: size as SeedSize, seed, year, now: now.toISOString() });
      const core = await createCore({ dbPath, host: 'cli' });
      try {
        const r = await writeSeed(core.conn, data, { actor: core.actor, now: now.toISOString(), seed });
        out(`已写入演示数据（${r.cityName}，${year} 年）：党组织 ${r.orgs} 个，其中党支部（党总支）${r.branches} 个；台账 ${r.ledgerRows} 行；领导干部 ${r.leaders} 名；联系点 ${r.liaisons} 个，工作记录 ${r.visits} 条，领办实事项目 ${r.projects} 个；问题清单 ${r.problems} 条；“最强党支部”评定记录 ${r.evaluations} 条。\n`);
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'stats': {
      const core = await existingCore(values);
      try {
        const yearArg = values.year === undefined ? undefined : intOption(values, 'year', 0);
        const scopeOrgId = await unitScope(core, values);
        const s = await core.call('stats.summary', { ...(yearArg === undefined ? {} : { year: yearArg }), ...(scopeOrgId !== undefined ? { scopeOrgId } : {}) });
        if (values.json) {
          out(`${JSON.stringify(s, null, 2)}\n`);
        } else {
          const lines = [
            `台账年度：${s.year ?? '（无台账）'}`,
            `党组织：${s.orgsByLevel.map((l) => `${l.label} ${l.count}`).join('，')}`,
            `党支部（党总支）：${s.branches}`,
            ...s.branchesByCounty.map((c) => `  ${c.label}：${c.count}`),
            `按领域：${s.branchesByField.map((f) => `${f.label} ${f.count}`).join('，')}`,
            `按等次：${s.branchesByGrade.map((g) => `${g.label} ${g.count}`).join('，')}`,
            `领导干部：${s.leaders}；联系点：${s.liaisonPoints}`,
          ];
          out(`${lines.join('\n')}\n`);
        }
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'templates': {
      const list = builtinTemplates.map((t) => ({ id: t.id, title: t.title, version: t.version, attachment: t.attachment, returnable: t.returnable, sheets: t.sheets.map((x) => x.name) }));
      if (values.json) out(`${JSON.stringify(list, null, 2)}\n`);
      else out(`${list.map((t) => `${t.id}\t第 ${t.version} 版\t${t.title.replace('{unit}', '').replace('{year}', '××××')}`).join('\n')}\n`);
      return 0;
    }
    case 'export': {
      const templateId = need(values, 'template');
      const file = path.resolve(need(values, 'out'));
      if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out 应为 .xlsx 文件路径。');
      const core = await existingCore(values);
      try {
        const year = values.year === undefined ? ((await core.call('ledger.years', {}))[0] ?? now.getFullYear()) : intOption(values, 'year', 0);
        const scopeOrgId = await unitScope(core, values);
        // A path given on the command line is the user's choice, as a dialog's would be.
        core.grants.write(file);
        const r = await core.call('export.run', { templateId, scope: { year, ...(scopeOrgId !== undefined ? { scopeOrgId } : {}) }, path: file });
        if (values.json) out(`${JSON.stringify(r, null, 2)}\n`);
        else out(`已导出：${r.file}（${r.sheets.map((x) => `${x.name} ${x.rows} 行`).join('，')}，用时 ${r.ms} 毫秒）。\n`);
        // Nothing is written differently from the window without a word: red cells are named.
        if (r.invalidCells) process.stderr.write(`注意：有 ${r.invalidCells} 个单元格的内容未通过校验（在台账中标红），已按原样写入；数字列中的这些文字不计入合计。\n`);
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'import': {
      const file = path.resolve(need(values, 'file'));
      const core = await existingCore(values);
      try {
        core.grants.read(file);
        const preview = await core.call('import.open', {
          path: file,
          ...(values.template ? { templateId: String(values.template) } : {}),
          ...(values.year !== undefined ? { year: intOption(values, 'year', 0) } : {}),
        });
        const rows = await core.importRows(preview);
        // Cells the unit emptied are emptied here only when asked (--clear): a stray Delete looks like a deliberate clearing.
        // Units the tree lacks are created only when asked (--create-units), each under its proposed parent.
        const newUnits = preview.newUnits ?? [];
        const createUnits = values['create-units'] === true;
        const decisions = { clears: values.clear === true, ...(createUnits && newUnits.length ? { newUnits: newUnits.map((u) => ({ key: u.key, create: true })) } : {}) };
        const commit = values['dry-run'] ? null : await core.call('import.commit', { sessionId: preview.sessionId, decisions });
        const report = {
          file: preview.file,
          template: preview.template.id,
          recognisedBy: preview.recognisedBy,
          year: preview.year,
          counts: preview.counts,
          // Which file column went to which field; for a layout never confirmed in the window, a guess from the headers.
          columns: preview.columns.map((c) => ({ column: c.letter, header: c.header, field: c.field })),
          mappingConfirmed: !preview.needsMapping,
          rows,
          // Units the file names and the tree lacks: a decision (--create-units), not an error.
          newUnits: newUnits.map((u) => ({ name: u.name, rows: u.rows, cells: u.cells, parent: u.parent?.name ?? null, created: commit !== null && createUnits })),
          problems: preview.problems,
          committed: commit,
        };
        if (values.json) out(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const c = preview.counts;
          out(`${preview.file.name}：${preview.recognisedBy === 'manifest' ? '识别为本程序导出的报送表' : '按表头识别'}（${preview.template.id}，${preview.year} 年）。读取 ${c.read} 行：新增 ${c.new}，修改 ${c.changed}，未变 ${c.unchanged}，缺少 ${c.missing}，冲突 ${c.conflicts}，清空 ${c.clears}；错误 ${c.errors}，提示 ${c.warnings}。\n`);
          if (preview.needsMapping) {
            const cols = findTemplate(preview.template.id)?.sheets.flatMap((sh) => sh.columns) ?? [];
            const label = (f: string) => {
              const c = cols.find((x) => x.field === f);
              return c ? (c.group ? `${c.group}·${c.header}` : c.header) : f;
            };
            out(`  列对应（按表头猜测，未经确认）：${preview.columns.map((c) => `${c.letter}“${c.header}”→${c.field ? label(c.field) : '不导入'}`).join('；')}\n`);
          }
          for (const p of preview.problems) out(`  [${p.severity === 'error' ? '错误' : '提示'}] ${p.sheet}${p.cell ? `!${p.cell}` : ''} ${p.message}\n`);
          for (const u of newUnits) {
            const where = u.parent ? `“${u.parent.name}”之下` : '最上级';
            out(`  组织机构中没有“${u.name}”（${u.rows} 行，${u.cells.slice(0, 3).join('、')}${u.rows > 3 ? ' 等' : ''}）：${commit && createUnits ? `已新建在${where}` : createUnits ? `提交时将新建在${where}` : `未新建，其下 ${u.rows} 行${commit ? '未导入' : '提交时不导入'}；确需新建（在${where}），请加 --create-units`}。\n`);
          }
          out(commit ? `已提交：新增 ${commit.applied.newRows} 行（填入 ${commit.applied.newCells} 处），修改 ${commit.applied.changedRows} 行（${commit.applied.cells} 处，其中清空 ${commit.applied.clears} 处）；未采用 ${commit.skipped.rows} 行、${commit.skipped.cells} 处。\n` : '（试运行，未写入）\n');
          if (commit && c.clears && !values.clear) out(`  报送单位清空了 ${c.clears} 个单元格，这些单元格未清空；确需清空，请加 --clear 再导入一次，或在窗口中核对。\n`);
        }
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'draw': {
      const year = intOption(values, 'year', 0);
      if (values.year === undefined) throw new UsageError('缺少必填选项 --year。');
      const share = values.share === undefined ? undefined : Number(values.share);
      if (share !== undefined && !(Number.isFinite(share) && share > 0 && share <= 1)) throw new UsageError(`--share 应为大于 0、不大于 1 的小数（如 0.1 表示 10%），收到“${String(values.share)}”。`);
      const seed = values.seed === undefined ? undefined : intOption(values, 'seed', 0);
      const witnesses = witnessNames(values.witnesses === undefined ? undefined : String(values.witnesses));
      // As in the window: a stored draw names who watched it; a dry run needs nobody.
      if (!values['dry-run'] && witnesses.length === 0) {
        throw new AppError('INVALID_ARGS', '抽签须有监督人在场：请用 --witnesses 写明至少一名监督人的姓名（如 --witnesses 张三,李四，多人用逗号或顿号分隔）；只看抽签结果、不保存，请加 --dry-run。');
      }
      const core = await existingCore(values);
      try {
        const scopeOrgId = await unitScope(core, values);
        const r = await core.call('draw.run', {
          year,
          ...(scopeOrgId !== undefined ? { scopeOrgId } : {}),
          ...(share !== undefined ? { share } : {}),
          ...(values['by-field'] ? { byField: true } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(witnesses.length ? { witnesses } : {}),
          ...(values.reason !== undefined ? { reason: String(values.reason) } : {}),
          ...(values['dry-run'] ? { dryRun: true } : {}),
        });
        out(values.json ? `${JSON.stringify(drawReport(r), null, 2)}\n` : drawText(r));
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'draw-record': {
      const drawId = intOption(values, 'draw', 0);
      if (values.draw === undefined) throw new UsageError('缺少必填选项 --draw（抽签记录编号，见 draw 命令的输出）。');
      const file = path.resolve(need(values, 'out'));
      if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out 应为 .xlsx 文件路径。');
      const core = await existingCore(values);
      try {
        // A path given on the command line is the user's choice, as a dialog's would be.
        core.grants.write(file);
        const r = await core.call('draw.print', { drawId, path: file });
        out(values.json ? `${JSON.stringify(r, null, 2)}\n` : `已导出抽签记录：${r.file}\n`);
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'consolidate': {
      const templateId = need(values, 'template');
      if (values.year === undefined) throw new UsageError('缺少必填选项 --year。');
      const year = intOption(values, 'year', 0);
      const file = path.resolve(need(values, 'out'));
      if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out 应为 .xlsx 文件路径。');
      const core = await existingCore(values);
      try {
        const unitId = await unitScope(core, values);
        // A path given on the command line is the user's choice, as a dialog's would be.
        core.grants.write(file);
        const r = await core.call('consolidate.export', { templateId, year, ...(unitId !== undefined ? { unitId } : {}), path: file });
        const report = { reportId: r.reportId, file: r.file, fileName: r.fileName, fileHash: r.fileHash, reportedAt: r.reportedAt };
        out(values.json ? `${JSON.stringify({ figures: r.consolidation, report }, null, 2)}\n` : consolidationText(r.consolidation, r.file));
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'backup': {
      const outFile = values.out === undefined ? null : path.resolve(need(values, 'out'));
      if (outFile && fs.existsSync(outFile)) throw new AppError('CONFLICT', `“${outFile}”已存在，为免覆盖，没有写出备份；请换一个文件名。`, { path: outFile });
      const core = await existingCore(values);
      try {
        if (outFile) {
          if (core.conn.refuseWrites) throw core.backups.damaged('无法备份');
          core.grants.write(outFile);
          const r = await copyTo(core.conn.sqlite, core.grants.writable(outFile));
          out(values.json ? `${JSON.stringify({ path: outFile, ...r }, null, 2)}\n` : `已备份到 ${outFile}（${sizeText(r.bytes)}；党组织 ${r.units} 个、党支部 ${r.branches} 个${r.latestYear ? `，台账至 ${r.latestYear} 年` : ''}）。\n`);
        } else {
          const b = await core.call('backup.now', values.note === undefined ? {} : { note: String(values.note) });
          out(values.json ? `${JSON.stringify(b, null, 2)}\n` : `已备份：${b.path}（${sizeText(b.bytes)}；党组织 ${b.units} 个、党支部 ${b.branches} 个${b.latestYear ? `，台账至 ${b.latestYear} 年` : ''}）。\n`);
        }
      } finally {
        await core.close();
      }
      return 0;
    }
    case 'restore': {
      const from = path.resolve(need(values, 'from'));
      const core = await existingCore(values);
      try {
        // A path given on the command line is the user's choice, as the open dialog's would be.
        core.grants.read(from);
        const r = await core.call('backup.restoreFile', { path: from });
        out(values.json ? `${JSON.stringify(r, null, 2)}\n` : `已从 ${r.restored.path} 恢复（党组织 ${r.restored.units} 个、党支部 ${r.restored.branches} 个${r.restored.latestYear ? `，台账至 ${r.restored.latestYear} 年` : ''}）。${r.safetyCopy ? `恢复前的数据库已另存为备份：${r.safetyCopy.path}。` : ''}${r.damagedCopy ? `恢复前的数据库已损坏，不能作为备份，已原样另存为 ${r.damagedCopy}（不在备份列表中）。` : ''}\n`);
      } finally {
        await core.close();
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      out(`${usage}\n`);
      return 0;
    default:
      throw new UsageError(`不认识的命令“${command}”。`);
  }
}

/** 12.3 MB, as the backup lines say a size. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** A consolidation in lines: the rows with their sources, 合计, and what changed since the last report up. */
function consolidationText(c: Consolidation, file: string): string {
  const cols = c.columns;
  const lines = [
    c.title,
    `单位\t${cols.map((x) => (x.group ? `${x.group}·${x.header}` : x.header)).join('\t')}\t数据来源`,
    ...c.rows.map((r) => `${r.unitName}\t${cols.map((x) => figureText(x.type, r.values[x.field] ?? null)).join('\t')}\t${r.source.label}`),
    `合计\t${cols.map((x) => figureText(x.type, c.totals[x.field] ?? null)).join('\t')}`,
  ];
  if (!c.lastReport) lines.push('此前未上报过这张表。');
  else if (c.changes.length === 0) lines.push(`与上次上报（${c.lastReport.reportedAt.slice(0, 10)}）相比没有变化。`);
  else {
    lines.push(`与上次上报（${c.lastReport.reportedAt.slice(0, 10)}）相比有 ${c.changes.length} 处变化：`);
    for (const d of c.changes) {
      const type = cols.find((x) => x.field === d.field)?.type ?? 'integer';
      lines.push(`  ${d.unitName} ${d.column}：${figureText(type, d.reported)} → ${figureText(type, d.now)}（${differenceText(type, d.difference)}）`);
    }
  }
  lines.push(`已写出并记为已上报：${file}`);
  return `${lines.join('\n')}\n`;
}

/** A draw as the CLI's --json prints it: the seed, and the drawn branches (ids and names) per county. */
function drawReport(r: DrawResult) {
  return {
    id: r.id,
    stored: r.stored,
    year: r.year,
    scope: { id: r.scopeOrgId, name: r.scopeName },
    seed: r.seed,
    seedGiven: r.seedGiven,
    share: r.share,
    byField: r.byField,
    rounding: { rule: r.rounding, text: r.roundingText },
    population: r.population,
    populationHash: r.populationHash,
    drawn: r.picked.length,
    reason: r.reason,
    supersedesId: r.supersedesId,
    drawnAt: r.drawnAt,
    actor: r.actor,
    counties: r.strata.map((s) => ({
      countyId: s.countyId,
      county: s.countyName,
      ...(r.byField ? { field: s.field, fieldLabel: s.fieldLabel } : {}),
      candidates: s.candidates,
      drawn: s.drawn,
      branches: r.picked
        .filter((p) => p.countyId === s.countyId && (!r.byField || p.field === s.field))
        .map((p) => ({ id: p.orgId, uid: p.uid, name: p.name, township: p.township })),
    })),
  };
}

function drawText(r: DrawResult): string {
  const report = drawReport(r);
  const lines = [
    `${r.title}${r.stored ? `（第 ${r.id} 号记录）` : '（预览，未保存）'}`,
    `随机种子：${r.seed}${r.seedGiven ? '（指定）' : '（随机产生）'}；抽取比例 ${r.shareText}，${r.byField ? '按旗县区和领域分层' : '按旗县区分层'}；取整：${r.roundingText}`,
    `候选党支部 ${r.population} 个，抽中 ${r.picked.length} 个；候选名单校验码 ${r.populationHash.slice(0, 16)}…`,
    ...(r.reason ? [`重新抽签理由：${r.reason}${r.supersedesId ? `（替代第 ${r.supersedesId} 号记录）` : ''}`] : []),
    ...report.counties.flatMap((c) => [
      `${c.county}${c.fieldLabel ? `·${c.fieldLabel}` : ''}：候选 ${c.candidates} 个，抽中 ${c.drawn} 个`,
      ...c.branches.map((b) => `  [${b.id}] ${b.township ? `${b.township} ` : ''}${b.name}`),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const msg = e instanceof UsageError ? e.message : translateParseArgs(e as Error);
      process.stderr.write(`错误：${msg}\n\n${usage}\n`);
      process.exitCode = 2;
      return;
    }
    const err = e instanceof AppError ? e : toAppError(e);
    process.stderr.write(`错误：${err.message}\n`);
    process.exitCode = 1;
  }
}

function translateParseArgs(e: Error): string {
  const option = /'([^']+)'/.exec(e.message)?.[1];
  if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的选项 ${option ?? ''}。`;
  if ((e as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `选项 ${option ?? ''} 缺少取值。`;
  return `命令行无法识别：${e.message}`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts')) {
  void main();
}
