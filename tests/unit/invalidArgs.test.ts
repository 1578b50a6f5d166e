import { describe, expect, it } from 'vitest';
import { chineseIssue, describeInvalidArgs } from '../../shared/contract/invalidArgs.ts';
import { methods, type MethodName } from '../../shared/contract/methods.ts';

function refusal(method: MethodName, args: unknown): string {
  const parsed = methods[method].args.safeParse(args, { error: chineseIssue });
  if (parsed.success) throw new Error(`${method} took ${JSON.stringify(args)}`);
  return describeInvalidArgs(method, parsed.error.issues, args).message;
}

describe('a refused call told in Chinese', () => {
  it('names the field by its Chinese name and says what is wrong with it', () => {
    expect(refusal('org.create', { parentId: 0, name: '天义镇' })).toBe('“新建党组织”的参数不正确：上级党组织应大于 0。');
    expect(refusal('ledger.list', { year: 1800 })).toBe('“读取台账”的参数不正确：年度不能小于 1949。');
    expect(refusal('ledger.list', { year: 2026.5 })).toBe('“读取台账”的参数不正确：年度应为整数。');
    expect(refusal('org.close', { id: 3, closedOn: '2026/3/1' })).toBe('“撤销党组织”的参数不正确：撤销日期应为“年-月-日”格式的日期，如 2026-03-15。');
    expect(refusal('org.create', { name: '天义镇' })).toBe('“新建党组织”的参数不正确：上级党组织没有填写。');
  });

  it('names an item of a list by its position and, for an edit, its column', () => {
    const changes = [0, 1, 2].map((id) => ({ id: id + 1, field: 'secretary', value: '张三' }));
    changes.push({ id: 4, field: 'membersFormal', value: { many: 12 } as never });
    expect(refusal('ledger.edit', { changes, source: 'typed' })).toBe('“修改台账”的参数不正确：修改第 4 项（正式党员（名））的值应为文字、数字、“是/否”或空值。');
    expect(refusal('records.edit', { table: 'project', year: 2026, changes: [{ id: 1, field: 'name', value: [] }], source: 'typed' })).toBe(
      '“修改记录”的参数不正确：修改第 1 项（项目名称）的值应为文字、数字、“是/否”或空值。',
    );
    expect(refusal('records.add', { table: 'leader', year: 2026, rows: [{ name: {}, 'no such': 1 }], source: 'typed' })).toBe(
      '“新增记录”的参数不正确：新增的记录第 1 项的姓名应为文字、数字、“是/否”或空值；新增的记录第 1 项的“no such”列不是程序认识的列。',
    );
  });

  it('tells one problem per place, the first three, and counts the rest', () => {
    expect(refusal('ledger.list', { year: 2 ** 60 })).toBe('“读取台账”的参数不正确：年度数字太大。');
    const changes = Array.from({ length: 10 }, () => ({ id: -1, field: 'secretary', value: 'x' }));
    expect(refusal('ledger.edit', { changes, source: 'typed' })).toBe(
      '“修改台账”的参数不正确：修改第 1 项（书记）的行应大于 0；修改第 2 项（书记）的行应大于 0；修改第 3 项（书记）的行应大于 0；另有 7 处。',
    );
  });

  it('shows unknown keys short, with what cannot be seen made visible', () => {
    expect(refusal('app.info', { ['长'.repeat(50)]: 1, 'a\u202Eb': 2, c: 3, d: 4 })).toBe(
      `“读取程序信息”的参数不正确：参数含有不认识的字段 ${'长'.repeat(20)}…、a□b、c 等 4 个。`,
    );
  });
});
