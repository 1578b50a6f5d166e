/** Export where I choose: the dialog opens in the folder last saved in, and send-down files do not repeat the unit. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import type { ShellHost } from '../../electron/core/config.ts';
import { writeSeed, buildSeed } from '../../electron/core/services/seed/index.ts';
import { unitFileName } from '../../electron/core/fileName.ts';
import { fixedNow, tempDir } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';

/** A person at the dialog: says where it opened, and picks the folder `next` says. */
function person(): { shell: ShellHost; offered: (string | undefined)[]; next: { folder: string; cancel: boolean } } {
  const offered: (string | undefined)[] = [];
  const next = { folder: '', cancel: false };
  return {
    offered,
    next,
    shell: {
      chooseSaveFile: async (name, startIn) => {
        offered.push(startIn);
        if (next.cancel) return null;
        fs.mkdirSync(next.folder, { recursive: true });
        return path.join(next.folder, name);
      },
      chooseFolder: async (name, startIn) => {
        offered.push(startIn);
        fs.mkdirSync(next.folder, { recursive: true });
        return path.join(next.folder, name);
      },
      chooseOpenFile: async () => null,
      openPath: async () => false,
    },
  };
}

describe('export where I choose', () => {
  let core: Core;
  let dir: string;
  const p = person();
  beforeAll(async () => {
    dir = tempDir();
    core = await createCore({ dbPath: path.join(dir, 'test.db'), now: () => fixedNow, actor: '测试', host: 'loopback', shell: p.shell });
    const now = fixedNow.toISOString();
    await writeSeed(core.conn, buildSeed({ size: 'small', seed: 1, year: 2026, now }), { actor: '测试', now, seed: 1 });
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the save dialog in the folder last saved in, for files and send-down folders alike', async () => {
    p.next.folder = path.join(dir, '报表', '三月');
    const first = await core.call('shell.chooseSaveFile', { suggestedName: '台账.xlsx' });
    expect(first.path).toBe(path.join(fs.realpathSync(dir), '报表', '三月', '台账.xlsx'));
    expect(p.offered).toEqual([undefined]);
    // The next dialog (send-down's folder too) opens where the last file was saved.
    p.next.folder = path.join(dir, '下发');
    await core.call('shell.chooseFolder', { suggestedName: '台账（下发）' });
    expect(p.offered[1]).toBe(path.join(fs.realpathSync(dir), '报表', '三月'));
    await core.call('shell.chooseSaveFile', { suggestedName: '统计.xlsx' });
    expect(p.offered[2]).toBe(path.join(fs.realpathSync(dir), '下发'));
    // Cancelled: nothing changes.
    p.next.cancel = true;
    expect(await core.call('shell.chooseSaveFile', { suggestedName: 'x.xlsx' })).toEqual({ path: null });
    expect(await core.call('shell.chooseSaveFile', { suggestedName: 'x.xlsx' })).toEqual({ path: null });
    expect(p.offered[4]).toBe(path.join(fs.realpathSync(dir), '下发'));
    // A folder since removed: the dialog opens in its usual place, not in a folder that is not there.
    fs.rmSync(path.join(dir, '下发'), { recursive: true });
    p.next.cancel = false;
    p.next.folder = path.join(dir, '报表');
    await core.call('shell.chooseSaveFile', { suggestedName: 'x.xlsx' });
    expect(p.offered[5]).toBeUndefined();
  });

  it('names each unit\'s send-down file by its attachment, then the unit once: 附件1 桥头镇2026年…, not 桥头镇-桥头镇2026年…', async () => {
    const banner = await bannerOf(core);
    const folder = path.join(dir, '下发给乡镇');
    core.grants.folder(folder);
    const choices = (await core.call('templates.list', {})).find((x) => x.id === 'branch-ledger')!.choices;
    const r = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder, choices: { ...choices, title: '{unit}2026年党支部分类台账' } });
    expect(r.files.length).toBeGreaterThan(1);
    for (const f of r.files) {
      const place = f.unitName.replace(/党委$/, '');
      expect(f.fileName).toBe(`附件1 ${place}2026年党支部分类台账.xlsx`);
    }
  });
});

describe('unitFileName', () => {
  it('puts the attachment first, then the unit only when the title does not name it', () => {
    expect(unitFileName(1, '桥头镇', '桥头镇2026年党支部分类台账', 'xlsx')).toBe('附件1 桥头镇2026年党支部分类台账.xlsx');
    expect(unitFileName(1, '桥头镇', '2026年桥头镇党支部分类台账', 'xlsx')).toBe('附件1 2026年桥头镇党支部分类台账.xlsx');
    expect(unitFileName(3, '桥头镇', '2026年党支部分类台账', 'xlsx')).toBe('附件3 桥头镇-2026年党支部分类台账.xlsx');
  });
});
