/**
 * What offices write in each dictionary column, read by the built-in synonyms as what it
 * means in the work (docs/domain.md): quotes of any kind do not matter, and a value that
 * could mean two things is left for a person.
 */
import { describe, expect, it } from 'vitest';
import type { DictEntry } from '../../shared/contract/types.ts';
import { defaultDictionaries } from '../../shared/domain/defaults.ts';
import { dictKey, parseFlag, resolveDict } from '../../shared/domain/normalize.ts';

const dicts: DictEntry[] = Object.entries(defaultDictionaries).flatMap(([dict, d]) =>
  d.entries.map((e, i) => ({ dict, code: e.code, label: e.label, synonyms: e.synonyms ?? [], sortOrder: i, active: true })),
);
const read = (dict: string, text: string) => {
  const r = resolveDict(dicts, dict, text);
  return r.ok ? r.value : null;
};

describe('the built-in synonyms', () => {
  it.each([
    ['否', 'none'], ['无', 'none'], ['未创建', 'none'], ['未评', 'none'],
    ['旗县级“最强党支部”', 'county_accepted'], ['旗县级‘最强党支部’', 'county_accepted'], ['旗县级"最强党支部"', 'county_accepted'],
    ["旗县级'最强党支部'", 'county_accepted'], ['县级最强党支部', 'county_accepted'], ['旗县级「最强党支部」', 'county_accepted'],
    ['市级“最强党支部”', 'city_assessed'], ['盟市级“最强党支部”', 'city_assessed'], ['乡镇级“最强党支部”', 'township_rated'],
    ['“最强党支部”', 'city_assessed'], ['创建中', 'creating'],
  ])('read “%s” in the 最强党支部 column as %s', (text, code) => {
    expect(read('strongest_status', text)).toBe(code);
  });

  it.each([
    ['好', 'advanced'], ['较好', 'middle'], ['一般', 'middle'], ['较差', 'lagging'], ['差', 'lagging'],
    ['先进', 'advanced'], ['中间', 'middle'], ['后进', 'lagging'], ['一类', 'advanced'], ['二类', 'middle'], ['三类', 'lagging'],
  ])('read “%s” as the grade %s', (text, code) => {
    expect(read('grade', text)).toBe(code);
  });

  it.each([
    ['农村', 'village'], ['村', 'village'], ['嘎查村', 'village'], ['社区', 'community'], ['城市社区', 'community'], ['机关', 'organ'],
    ['国企', 'state_enterprise'], ['国有企业', 'state_enterprise'], ['非公', 'private_enterprise'], ['非公有制企业', 'private_enterprise'],
    ['社会组织', 'social_org'], ['学校', 'school'], ['医院', 'hospital'], ['事业单位', 'institution'],
  ])('read “%s” as the field %s', (text, code) => {
    expect(read('field', text)).toBe(code);
  });

  it.each([
    ['是', true], ['有', true], ['√', true], ['已建', true], ['已建立', true],
    ['否', false], ['无', false], ['×', false], ['未建', false], ['未建立', false],
  ])('read “%s” in a yes/no column as %s', (text, value) => {
    expect(parseFlag(text)).toEqual({ ok: true, value });
  });

  it('leave to a person what could mean two things, and say what it is', () => {
    // 是 in the 最强党支部 column: a title, but of which level?
    expect(resolveDict(dicts, 'strongest_status', '是')).toEqual({ ok: false, message: expect.stringContaining('“是”不在可选范围内') });
    // 四类 has no place in a three-grade list.
    expect(read('grade', '四类')).toBeNull();
    // 软弱涣散 in 等次 is 后进 and a flag the ledger keeps in its own column: asked, not silently read as 后进.
    expect(read('grade', '软弱涣散')).toBeNull();
    expect(read('grade', '软弱涣散党组织')).toBeNull();
    // 无 in a column whose dictionary has no such entry means nothing was written.
    expect(resolveDict(dicts, 'grade', '无')).toEqual({ ok: true, value: null });
  });

  it('take quotes, spaces and letter case away from a value, and nothing else', () => {
    expect(dictKey(' 旗县级 “最强党支部” ')).toBe('旗县级最强党支部');
    expect(dictKey('「最强党支部」')).toBe(dictKey("'最强党支部'"));
    expect(dictKey('Ａ类')).toBe('a类');
    expect(dictKey('（兼）')).toBe('（兼）');
  });

  it('read a synonym added to a list of entries at once (a new list is looked up afresh)', () => {
    expect(read('strongest_status', '正在创建')).toBeNull();
    const added = dicts.map((e) => (e.dict === 'strongest_status' && e.code === 'creating' ? { ...e, synonyms: [...e.synonyms, '正在创建'] } : e));
    expect(resolveDict(added, 'strongest_status', '正在创建')).toEqual({ ok: true, value: 'creating' });
  });
});
