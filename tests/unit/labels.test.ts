import { describe, expect, it } from 'vitest';
import { argLabel, methodTitles } from '../../shared/contract/labels.ts';
import { methodNames, methods } from '../../shared/contract/methods.ts';
import { keyPaths } from '../helpers/schemas.ts';

const chinese = /[\u4e00-\u9fff]/;

describe('the Chinese names of the contract', () => {
  it('name every argument of every method, at every depth', () => {
    const unnamed: string[] = [];
    let named = 0;
    for (const method of methodNames) {
      expect(methodTitles[method], method).toMatch(chinese);
      for (const keys of keyPaths(methods[method].args)) {
        const label = argLabel(method, keys);
        // '' leaves a wrapper out of the words; only an object may be one.
        if (label === undefined || (label !== '' && !chinese.test(label))) unnamed.push(`${method}: ${keys.join('.')}`);
        else named++;
      }
    }
    expect(unnamed).toEqual([]);
    expect(named).toBeGreaterThan(150);
  });

  it('tell one key apart where it means different things', () => {
    expect(argLabel('org.create', ['name'])).toBe('党组织名称');
    expect(argLabel('view.save', ['name'])).toBe('视图名称');
    expect(argLabel('org.create', ['field'])).toBe('领域');
    expect(argLabel('ledger.edit', ['changes', 'field'])).toBe('列');
    expect(argLabel('records.edit', ['changes', 'id'])).toBe('记录');
    expect(argLabel('ledger.edit', ['changes', 'id'])).toBe('行');
  });

  it('find nothing for a key the contract does not have, even one every object inherits', () => {
    expect(argLabel('app.info', ['constructor'])).toBeUndefined();
    expect(argLabel('app.info', ['__proto__'])).toBeUndefined();
    expect(argLabel('app.info', ['toString'])).toBeUndefined();
  });
});
