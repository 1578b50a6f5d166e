import { describe, expect, it } from 'vitest';
import { pinyinKeys } from '../../shared/domain/pinyin.ts';
import { zhCollator } from '../../shared/domain/collator.ts';
import { childLevel, isBranchKind } from '../../shared/domain/org.ts';
import { defaultDictionaries } from '../../shared/domain/defaults.ts';

describe('pinyin keys', () => {
  it('gives initials people type and a sort key', () => {
    expect(pinyinKeys('天义镇').initials).toBe('tyz');
    expect(pinyinKeys('巴彦塔拉苏木党委').initials).toBe('bytlsmdw');
    expect(pinyinKeys('天义镇').sortKey).toBe('tian yi zhen');
  });

  it('sorts Chinese names in pinyin order', () => {
    expect(['宁城县', '敖汉旗', '红山区', '巴林左旗'].sort(zhCollator.compare)).toEqual(['敖汉旗', '巴林左旗', '红山区', '宁城县']);
  });
});

describe('org levels and dictionaries', () => {
  it('knows the tree tiers', () => {
    expect(childLevel('city')).toBe('county');
    expect(childLevel('township')).toBe('branch');
    expect(childLevel('branch')).toBe('branch');
    expect(isBranchKind('general_branch')).toBe(true);
    expect(isBranchKind('township_committee')).toBe(false);
  });

  it('seeds the fields and grades of docs/domain.md with their synonyms', () => {
    expect(defaultDictionaries.field!.entries.map((e) => e.label)).toContain('非公有制经济组织');
    const grades = defaultDictionaries.grade!.entries;
    expect(grades.map((g) => g.label)).toEqual(['先进', '中间', '后进']);
    expect(grades.find((g) => g.label === '中间')!.synonyms).toContain('一般');
  });
});
