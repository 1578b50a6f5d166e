/**
 * A record typed by hand names its branch as the office writes it: with its township before it
 * (乌丹镇头道营子村党支部, 亿合公镇党委大营子村党支部). Found by the townships under the file's
 * unit, and a village name two townships share is told apart by the township written. Pure.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/createCore.ts';
import { resolveRefs, splitTownship, type NameBook } from '../../electron/core/services/import/returns/refs.ts';
import { fixedNow, tempDir } from '../helpers/core.ts';
import { python } from '../helpers/office.ts';

const run = promisify(execFile);

const unit = (id: number, name: string, level: string, path: string) => ({ id, uid: `u${id}`, name, level, path, closed_on: null });
const townships = [unit(2, '乌丹镇党委', 'township', '/1/2/'), unit(3, '亿合公镇党委', 'township', '/1/3/'), unit(4, '梧桐花镇党委', 'township', '/1/4/')];
const book = (extra: Partial<NameBook> = {}): NameBook => ({
  scopePath: '/1/',
  units: [unit(10, '头道营子村党支部', 'branch', '/1/2/10/'), unit(11, '大营子村党支部', 'branch', '/1/3/11/'), unit(12, '大营子村党支部', 'branch', '/1/4/12/')],
  leaders: [{ id: 7, name: '赵建国', committee_path: '/1/', active_to: null }],
  points: [],
  today: '2026-12-06',
  townships,
  ...extra,
});

describe('a branch written with its township before it', () => {
  it('splits the township off by the townships of the tree, written with or without 党委', () => {
    expect(splitTownship(townships, '乌丹镇头道营子村党支部')).toEqual({ township: townships[0], rest: '头道营子村党支部' });
    expect(splitTownship(townships, '亿合公镇党委大营子村党支部')).toEqual({ township: townships[1], rest: '大营子村党支部' });
    expect(splitTownship(townships, '翁牛特旗乌丹镇头道营子村党支部')).toEqual({ township: townships[0], rest: '头道营子村党支部' });
    expect(splitTownship(townships, '头道营子村党支部')).toBeNull();
    // A township's name inside a branch's own name is not a prefix: 东乌丹镇… is not 乌丹镇's.
    expect(splitTownship(townships, '新乌丹镇联合党支部')).toBeNull();
  });

  it('finds the branch, and of two villages of one name the one under the township written', () => {
    const at = (branchName: string) => resolveRefs('liaison', { leaderName: '赵建国', branchName }, book());
    expect(at('乌丹镇头道营子村党支部')).toMatchObject({ ok: true, refs: { orgId: 10 } });
    expect(at('亿合公镇大营子村党支部')).toMatchObject({ ok: true, refs: { orgId: 11 } });
    expect(at('梧桐花镇党委大营子村党支部')).toMatchObject({ ok: true, refs: { orgId: 12 } });
    // Without a township the two villages cannot be told apart: said, not guessed.
    expect(at('大营子村党支部')).toMatchObject({ ok: false, message: expect.stringContaining('有 2 个党支部都叫') });
    // Without the townships (before this change) the written name was looked for whole.
    expect(resolveRefs('liaison', { leaderName: '赵建国', branchName: '乌丹镇头道营子村党支部' }, book({ townships: [] }))).toMatchObject({ ok: false, message: expect.stringContaining('找不到党支部') });
  });
});

describe('a banner’s hand-made 联系点台账 on a tree the first run built', () => {
  it('adds its leaders to the banner’s committee (the top of the tree), named without layout spaces, and finds branches written with banner and township', async () => {
    const core = await createCore({ dbPath: path.join(tempDir(), 'wnt.db'), now: () => fixedNow, actor: '测试', host: 'loopback' });
    try {
      await core.call('setup.init', { unit: '150426', operatorName: '张丽' });
      const town = (await core.call('org.search', { query: '乌丹镇党委' }))[0]!.node;
      await core.call('org.create', { parentId: town.id, name: '头道营子村党支部' });
      const file = path.join(tempDir(), '翁牛特旗联系点台账.xlsx');
      await run(python, ['-c', `
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '联系点'
ws.append(['序号', '联系领导', '职务', '联系党支部', '存在问题', '帮扶措施'])
ws.append([1, '孙 晓红', '旗委副书记、旗长', '翁牛特旗乌丹镇头道营子村党支部', '组织生活不经常', '每季度指导'])
wb.save(sys.argv[1])`, file]);
      core.grants.read(file);
      const p = await core.call('import.open', { path: file });
      expect(p.template.id).toBe('liaison-points');
      expect(p.counts).toMatchObject({ new: 1, errors: 0 });
      await core.call('import.commit', { sessionId: p.sessionId });
      const leader = core.conn.sqlite.prepare('SELECT l.name, o.name AS committee FROM leader l JOIN org o ON o.id = l.committee_org_id').all();
      expect(leader).toEqual([{ name: '孙晓红', committee: '翁牛特旗委' }]);
    } finally {
      await core.close();
    }
  });
});
