/**
 * Who is working: the optional local password. A real core on a real SQLite file; the
 * lock is checked where every transport enters (invoke), so a locked core refuses the
 * window and the harness alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { staffAccounts } from '../../electron/core/repos/auth.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { seededCore } from '../helpers/core.ts';

const open: Core[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) await core.close();
});

async function seeded(): Promise<{ core: Core; dbPath: string }> {
  const { core, dbPath } = await seededCore('small');
  open.push(core);
  return { core, dbPath };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const e = await promise.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function firstBranch(core: Core): Promise<number> {
  return (await core.call('ledger.list', { year: 2026 })).rows[0]!.id;
}

describe('the local password', () => {
  it('changes nothing while no password is set: every method answers, and 操作人 is as before', async () => {
    const { core } = await seeded();
    expect(await core.call('auth.status', {})).toEqual({ enabled: false, accounts: [], unlocked: null, idleMinutes: 10 });
    const id = await firstBranch(core);
    await core.call('ledger.edit', { changes: [{ id, field: 'secretary', value: '赵六' }], source: 'typed' });
    expect((await core.call('ledger.history', { id }))[0]).toMatchObject({ actor: '测试', newValue: '赵六' });
    await core.call('auth.lock', {});
    expect((await core.call('ledger.list', { year: 2026 })).total).toBeGreaterThan(0);
    // Nothing to change or turn off without a password.
    expect((await refusal(core.call('auth.turnOff', { password: 'whatever1' }))).message).toBe('尚未设置登录密码。');
  });

  it('stores each password salted: two accounts with the same password have different hashes, neither holding the password', async () => {
    const { core } = await seeded();
    await core.call('auth.addAccount', { name: '王芳', password: 'dangjian2026' });
    await core.call('auth.addAccount', { name: '李明', password: 'dangjian2026' });
    const [a, b] = staffAccounts(core.conn.sqlite);
    expect(a!.hash).toMatch(/^scrypt\$N=\d+,r=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a!.hash).not.toBe(b!.hash);
    expect(a!.hash.split('$')[2]).not.toBe(b!.hash.split('$')[2]);
    const stored = JSON.stringify(core.conn.sqlite.prepare('SELECT * FROM setting').all());
    expect(stored).not.toContain('dangjian2026');
  });

  it('refuses a password too short, in Chinese, and sets nothing', async () => {
    const { core } = await seeded();
    const e = await refusal(core.call('auth.addAccount', { name: '王芳', password: '12345' }));
    expect(e.code).toBe('INVALID_ARGS');
    expect(e.message).toContain('密码至少 6 位');
    expect((await core.call('auth.status', {})).enabled).toBe(false);
  });

  it('when locked, refuses a read and a write with LOCKED but answers app.info; the right password unlocks, a wrong one is refused', async () => {
    const { core, dbPath } = await seeded();
    const id = await firstBranch(core);
    await core.call('auth.addAccount', { name: '王芳', password: 'dangjian2026' });
    // The first account unlocks the session it was made in.
    expect(await core.call('auth.status', {})).toMatchObject({ enabled: true, accounts: ['王芳'], unlocked: '王芳' });
    await core.call('auth.lock', {});

    for (const [method, args] of [
      ['ledger.list', { year: 2026 }],
      ['ledger.edit', { changes: [{ id, field: 'secretary', value: '偷改' }], source: 'typed' }],
      ['auth.addAccount', { name: '外人', password: 'waiguoren1' }],
      ['auth.saveIdle', { minutes: 0 }],
    ] as const) {
      const reply = await core.invoke(method, args);
      expect(reply, method).toMatchObject({ ok: false, error: { code: 'LOCKED', message: '程序已锁定：请先选择姓名并输入密码解锁。' } });
    }
    expect(await core.invoke('app.info', {})).toMatchObject({ ok: true, value: { name: '组工台账' } });
    expect(await core.call('auth.status', {})).toMatchObject({ enabled: true, accounts: ['王芳'], unlocked: null });

    const wrong = await refusal(core.call('auth.unlock', { name: '王芳', password: 'dangjian2025' }));
    expect(wrong).toMatchObject({ code: 'UNAUTHORIZED', message: '“王芳”的密码不正确，请重新输入。' });
    expect((await core.invoke('ledger.list', { year: 2026 })).ok).toBe(false);
    expect((await refusal(core.call('auth.unlock', { name: '张三', password: 'dangjian2026' }))).message).toBe('本机没有名为“张三”的账户。');

    await core.call('auth.unlock', { name: '王芳', password: 'dangjian2026' });
    expect((await core.call('ledger.list', { year: 2026 })).total).toBeGreaterThan(0);
    // The secretary was never changed while locked.
    expect((await core.call('ledger.history', { id })).some((h) => h.newValue === '偷改')).toBe(false);

    // A new start of the app (a new core on the same file) opens locked.
    const again = await createCore({ dbPath, actor: '测试' });
    open.push(again);
    expect(await again.invoke('ledger.list', { year: 2026 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // The command line is outside the window's lock (whoever runs it can read the file).
    const cli = await createCore({ dbPath, actor: '测试', host: 'cli' });
    open.push(cli);
    expect((await cli.invoke('ledger.list', { year: 2026 })).ok).toBe(true);
  });

  it('writes the name that unlocked as 操作人 of every history entry, over the name in 设置', async () => {
    const { core } = await seeded();
    await core.call('settings.save', { operatorName: '设置里的名字' });
    await core.call('auth.addAccount', { name: '王芳', password: 'dangjian2026' });
    await core.call('auth.addAccount', { name: '李明', password: 'liming2026' });
    await core.call('auth.lock', {});
    await core.call('auth.unlock', { name: '李明', password: 'liming2026' });
    const id = await firstBranch(core);
    await core.call('ledger.edit', { changes: [{ id, field: 'secretary', value: '赵六' }, { id, field: 'membersFormal', value: 31 }], source: 'typed' });
    const history = await core.call('ledger.history', { id });
    expect(history.slice(0, 2).map((h) => h.actor)).toEqual(['李明', '李明']);
    expect(core.actor).toBe('李明');

    await core.call('auth.lock', {});
    await core.call('auth.unlock', { name: '王芳', password: 'dangjian2026' });
    await core.call('ledger.edit', { changes: [{ id, field: 'secretary', value: '钱七' }], source: 'typed' });
    expect((await core.call('ledger.history', { id }))[0]).toMatchObject({ actor: '王芳', newValue: '钱七' });
  });

  it('makes the next try wait after five wrong passwords in a row, even with the right one', async () => {
    let clock = new Date('2026-03-15T02:00:00Z');
    const { dbPath } = await seeded();
    const core = await createCore({ dbPath, actor: '测试', now: () => clock });
    open.push(core);
    await core.call('auth.addAccount', { name: '王芳', password: 'dangjian2026' });
    await core.call('auth.lock', {});
    for (let i = 1; i <= 5; i++) {
      const e = await refusal(core.call('auth.unlock', { name: '王芳', password: `wrong-${i}` }));
      expect(e.code).toBe('UNAUTHORIZED');
      if (i === 2) expect(e.message).toBe('“王芳”的密码不正确，已连续输错 2 次，连续输错 5 次后需等待 30 秒。');
      if (i === 5) expect(e.message).toBe('“王芳”的密码不正确，已连续输错 5 次，请 30 秒后再试。');
    }
    clock = new Date(clock.getTime() + 10_000);
    expect((await refusal(core.call('auth.unlock', { name: '王芳', password: 'dangjian2026' }))).message).toBe('密码已连续输错 5 次，请 20 秒后再试。');
    expect((await core.call('auth.status', {})).unlocked).toBeNull();
    clock = new Date(clock.getTime() + 21_000);
    expect((await core.call('auth.unlock', { name: '王芳', password: 'dangjian2026' })).unlocked).toBe('王芳');
  });

  it('changes a password only with the old one, and removes an account or turns the password off only with the password of the one unlocked', async () => {
    const { core } = await seeded();
    await core.call('auth.addAccount', { name: '王芳', password: 'dangjian2026' });
    await core.call('auth.addAccount', { name: '李明', password: 'liming2026' });

    expect((await refusal(core.call('auth.changePassword', { name: '李明', oldPassword: 'dangjian2026', newPassword: 'xinmima2027' }))).code).toBe('UNAUTHORIZED');
    await core.call('auth.changePassword', { name: '李明', oldPassword: 'liming2026', newPassword: 'xinmima2027' });
    await core.call('auth.lock', {});
    expect((await refusal(core.call('auth.unlock', { name: '李明', password: 'liming2026' }))).code).toBe('UNAUTHORIZED');
    await core.call('auth.unlock', { name: '李明', password: 'xinmima2027' });

    // 李明 is unlocked: removing 王芳 takes 李明's own password; his own account is not removed under him.
    expect((await refusal(core.call('auth.removeAccount', { name: '王芳', password: 'dangjian2026' }))).code).toBe('UNAUTHORIZED');
    expect((await refusal(core.call('auth.removeAccount', { name: '李明', password: 'xinmima2027' }))).code).toBe('CONFLICT');
    expect((await core.call('auth.status', {})).accounts).toEqual(['王芳', '李明']);
    expect((await core.call('auth.removeAccount', { name: '王芳', password: 'xinmima2027' })).accounts).toEqual(['李明']);

    expect((await refusal(core.call('auth.turnOff', { password: 'dangjian2026' }))).code).toBe('UNAUTHORIZED');
    expect((await core.call('auth.status', {})).enabled).toBe(true);
    expect(await core.call('auth.turnOff', { password: 'xinmima2027' })).toMatchObject({ enabled: false, accounts: [], unlocked: null });
    // Off: nothing is locked any more, and 操作人 is the name of 设置 (here none: the account) again.
    await core.call('auth.lock', {});
    const id = await firstBranch(core);
    await core.call('ledger.edit', { changes: [{ id, field: 'secretary', value: '孙八' }], source: 'typed' });
    expect((await core.call('ledger.history', { id }))[0]!.actor).toBe('测试');
  });

  it('keeps the idle minutes, 0 meaning never, and refuses a time out of range in Chinese', async () => {
    const { core } = await seeded();
    expect((await core.call('auth.saveIdle', { minutes: 3 })).idleMinutes).toBe(3);
    expect((await core.call('auth.saveIdle', { minutes: 0 })).idleMinutes).toBe(0);
    const e = await refusal(core.call('auth.saveIdle', { minutes: 1.5 }));
    expect(e.message).toContain('应为整数分钟');
    expect((await refusal(core.call('auth.saveIdle', { minutes: 481 }))).message).toContain('不能超过 480 分钟');
    expect((await core.call('auth.status', {})).idleMinutes).toBe(0);
  });
});

describe('a restore and the session', () => {
  it('locks when the restored file has a password and not the name that unlocked; stays unlocked when it has it', async () => {
    const { core } = await seeded();
    await core.call('auth.addAccount', { name: '王芳', password: 'dangjian2026' });
    const withWang = await core.call('backup.now', { note: '只有王芳' });
    await core.call('auth.addAccount', { name: '李明', password: 'zuzhibu2026' });
    await core.call('auth.lock', {});
    await core.call('auth.unlock', { name: '李明', password: 'zuzhibu2026' });
    // The restored file knows only 王芳: 李明's session does not survive it.
    await core.call('backup.restore', { name: withWang.name });
    expect((await core.call('auth.status', {})).unlocked).toBeNull();
    expect((await refusal(core.call('ledger.list', { year: 2026 }))).code).toBe('LOCKED');
    // 王芳 unlocks; a restore of a file that has her keeps her working.
    await core.call('auth.unlock', { name: '王芳', password: 'dangjian2026' });
    await core.call('backup.restore', { name: withWang.name });
    expect((await core.call('auth.status', {})).unlocked).toBe('王芳');
  });
});
