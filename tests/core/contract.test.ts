import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methodNames, methods } from '../../shared/contract/methods.ts';
import { toAppError } from '../../electron/core/createCore.ts';
import { handlers } from '../../electron/core/handlers.ts';
import { seededCore } from '../helpers/core.ts';

describe('contract', () => {
  it('gives every method a zod schema and a handler, and no handler lacks a method', () => {
    for (const name of methodNames) {
      expect(methods[name].args, name).toBeInstanceOf(z.ZodType);
      expect(typeof handlers[name], name).toBe('function');
    }
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('validates arguments at the boundary and answers with a Chinese message as data', async () => {
    const { core } = await seededCore(null);
    const bad = await core.invoke('org.children', { parentId: 'abc' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('INVALID_ARGS');
      // The field by its Chinese name; the key itself stays in details for whoever debugs.
      expect(bad.error.message).toBe('“读取下级党组织”的参数不正确：上级党组织应为数字。');
      expect(bad.error.details).toMatchObject({ method: 'org.children', count: 1, issues: [{ path: 'parentId' }] });
    }
    const extra = await core.invoke('app.info', { sql: 'DROP TABLE org' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: expect.stringContaining('含有不认识的字段 sql') } });
    const unknown = await core.invoke('db.exec', { sql: 'DROP TABLE org' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', message: expect.stringContaining('未知的操作') } });
    const missing = await core.invoke('org.children', { parentId: 999999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('找不到') } });
    await core.close();
  });

  it('keep an unforeseen error short: it may quote what it was given, and the reply crosses to the window', () => {
    const e = toAppError(new Error(`CHECK constraint failed: ${'x'.repeat(1_000_000)}`));
    expect(e.code).toBe('INTERNAL');
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toMatch(/^程序内部错误：CHECK constraint failed: x+…。请把这条信息告诉维护人员。$/);
  });
});
