/**
 * A record typed by hand names its branch as the office writes it: with its township before it
 * (乌丹镇头道营子村党支部, 亿合公镇党委大营子村党支部). Found by the townships under the file's
 * unit, and a village name two townships share is told apart by the township written. Pure.
 */
import { describe, expect, it } from 'vitest';
import { resolveRefs, splitTownship, type NameBook } from '../../electron/core/services/import/returns/refs.ts';

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
    expect(splitTownship(townships, '头道营子村党支部')).toBeNull();
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
