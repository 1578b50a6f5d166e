import { describe, expect, it } from 'vitest';
import { normalizeText, parseDate, parseDecimal, parseFlag, parseInteger, parsePhone, parseText, resolveDict } from '../../shared/domain/normalize.ts';
import { defaultDictionaries } from '../../shared/domain/defaults.ts';
import type { DictEntry } from '../../shared/contract/types.ts';
import { parseFieldValue } from '../../shared/domain/fields.ts';
import { ledgerColumnByField } from '../../shared/domain/ledger.ts';

const dicts: DictEntry[] = Object.entries(defaultDictionaries).flatMap(([dict, d]) =>
  d.entries.map((e, i) => ({ dict, code: e.code, label: e.label, synonyms: e.synonyms ?? [], sortOrder: i, active: true })),
);

describe('normalising what people type', () => {
  it('cleans full-width characters and odd spaces', () => {
    expect(normalizeText('\u3000１２３ ＡＢ\u00a0 ')).toBe('123 AB');
    expect(normalizeText('乌兰（兼）')).toBe('乌兰（兼）');
  });

  it('reads integers written the ways offices write them', () => {
    expect(parseInteger('12人')).toEqual({ ok: true, value: 12 });
    expect(parseInteger('１，２３４')).toEqual({ ok: true, value: 1234 });
    expect(parseInteger(' 35 ')).toEqual({ ok: true, value: 35 });
    expect(parseInteger('无')).toEqual({ ok: true, value: null });
    expect(parseInteger('十二')).toMatchObject({ ok: false, message: expect.stringContaining('不是整数') });
    expect(parseInteger('-3', { min: 0 })).toMatchObject({ ok: false });
    // Too large to be a count (and, past 2^53, to be held exactly): refused, not stored as 1e+20.
    expect(parseInteger('99999999999999999999', { max: 9_999_999 })).toMatchObject({ ok: false, message: expect.stringContaining('过大') });
    expect(parseInteger(1e300)).toMatchObject({ ok: false, message: expect.stringContaining('过大') });
    expect(parseInteger(10_000_000, { max: 9_999_999 })).toMatchObject({ ok: false });
  });

  it('reads dates in every common form, without shifting a day', () => {
    for (const s of ['2024-03-05', '2024.3.5', '2024/3/5', '2024年3月5日', '２０２４年３月５日', '20240305']) {
      expect(parseDate(s), s).toEqual({ ok: true, value: '2024-03-05' });
    }
    // A month is not a day: kept as a month where the field allows it, refused otherwise; never the 1st.
    for (const s of ['2023年5月', '2023.5', '2023-05', '2023/5']) {
      expect(parseDate(s), s).toMatchObject({ ok: false, message: expect.stringContaining('只有年月、没有日') });
      expect(parseDate(s, { month: true }), s).toEqual({ ok: true, value: '2023-05' });
    }
    expect(parseDate('2023.13', { month: true })).toMatchObject({ ok: false });
    // As a number, 2024.1 may be January or October (2024.10 is stored as 2024.1): asked, not guessed.
    expect(parseDate(2024.1, { month: true })).toMatchObject({ ok: false, message: expect.stringContaining('也可能是 10 月') });
    expect(parseDate('2024.1', { month: true })).toEqual({ ok: true, value: '2024-01' });
    expect(parseDate(2024.3, { month: true })).toEqual({ ok: true, value: '2024-03' });
    expect(parseDate(2024.11, { month: true })).toEqual({ ok: true, value: '2024-11' });
    expect(parseDate(new Date(Date.UTC(2024, 2, 5)))).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024.2.30')).toMatchObject({ ok: false });
    expect(parseDate('去年')).toMatchObject({ ok: false, message: expect.stringContaining('不是有效日期') });
    // A date in a 常规-formatted cell arrives as its serial number; a bare year is not a date.
    expect(parseDate(45047)).toEqual({ ok: true, value: '2023-05-01' });
    expect(parseDate(2023)).toMatchObject({ ok: false });
  });

  it('reads flags', () => {
    for (const yes of ['是', '√', '达标', 'Y']) expect(parseFlag(yes)).toEqual({ ok: true, value: true });
    for (const no of ['否', '×', '未达标', '无']) expect(parseFlag(no)).toEqual({ ok: true, value: false });
    expect(parseFlag('也许')).toMatchObject({ ok: false });
  });

  it('resolves dictionary synonyms: 一般→中间, 好→先进, 差→后进', () => {
    expect(resolveDict(dicts, 'grade', '一般')).toEqual({ ok: true, value: 'middle' });
    expect(resolveDict(dicts, 'grade', '好')).toEqual({ ok: true, value: 'advanced' });
    expect(resolveDict(dicts, 'grade', ' 差 ')).toEqual({ ok: true, value: 'lagging' });
    expect(resolveDict(dicts, 'grade', '后进')).toEqual({ ok: true, value: 'lagging' });
    expect(resolveDict(dicts, 'grade', '优良中')).toMatchObject({ ok: false, message: expect.stringContaining('可选：先进、中间、后进') });
  });

  it('reads phone numbers, also typed as numbers', () => {
    expect(parsePhone(13904761234)).toEqual({ ok: true, value: '13904761234' });
    expect(parsePhone('0476-8221234')).toEqual({ ok: true, value: '0476-8221234' });
    expect(parsePhone('12345')).toMatchObject({ ok: false });
    expect(parsePhone('0476 8221234')).toEqual({ ok: true, value: '0476-8221234' });
    expect(parsePhone('(0476)8221234')).toEqual({ ok: true, value: '0476-8221234' });
  });

  it('refuses more decimal places than a column keeps instead of rounding them away, but not a spreadsheet\'s binary noise', () => {
    expect(parseDecimal('3.456', { scale: 2 })).toMatchObject({ ok: false, message: expect.stringContaining('超过 2 位小数') });
    expect(parseDecimal(3.456, { scale: 2 })).toMatchObject({ ok: false });
    expect(parseDecimal('３．４５万元', { scale: 2 })).toEqual({ ok: true, value: 3.45 });
    expect(parseDecimal(0.1 + 0.2, { scale: 2 })).toEqual({ ok: true, value: 0.3 });
    expect(parseDecimal('95.5', { scale: 1 })).toEqual({ ok: true, value: 95.5 });
  });

  it('keeps the lines of a long text, and makes one line of a short one', () => {
    expect(parseText('组织生活不规范\n  第二行：党员教育薄弱  \r\n第三行\n\n', 1000, true)).toEqual({ ok: true, value: '组织生活不规范\n第二行：党员教育薄弱\n第三行' });
    expect(parseText('东村\n党支部', 100)).toEqual({ ok: true, value: '东村 党支部' });
  });
});

describe('a person’s name as offices line it up', () => {
  it('drops the spaces between the characters of a name (王  刚 is 王刚), and nothing else', () => {
    const secretary = ledgerColumnByField.get('secretary')!;
    expect(parseFieldValue(secretary, '王  刚', [])).toEqual({ ok: true, value: '王刚' });
    expect(parseFieldValue(secretary, '王\u3000刚', [])).toEqual({ ok: true, value: '王刚' });
    expect(parseFieldValue(secretary, '张三、李四', [])).toEqual({ ok: true, value: '张三、李四' });
    expect(parseFieldValue(secretary, '巴特尔 · 朝鲁', [])).toEqual({ ok: true, value: '巴特尔 · 朝鲁' });
    // Not a name: a branch's own name keeps what was typed.
    expect(parseFieldValue(ledgerColumnByField.get('notes')!, '东 村', [])).toEqual({ ok: true, value: '东 村' });
  });
});
