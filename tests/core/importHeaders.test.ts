/**
 * Headers read as a person reads them (issue 14, item 5): a header names a column by its
 * meaning-bearing words, not only by a synonym written out in the template, and a word that
 * changes the meaning (副, 预备, 原…) keeps two headers apart. Pure functions, no file.
 */
import { describe, expect, it } from 'vitest';
import type { RawSheet } from '../../electron/core/excel/reader/index.ts';
import { findTable, HEADER_GUESS_FLOOR, headerConfidence, headerKey } from '../../electron/core/services/import/layout.ts';
import { findTemplate } from '../../shared/templates/index.ts';

const ledger = findTemplate('branch-ledger')!.sheets[0]!;
const column = (field: string) => ledger.columns.find((c) => c.field === field)!;

/** The ledger column a header is read as on its own: the surest one above the floor, or null. */
function readAs(header: string): string | null {
  const key = headerKey(header);
  let best: { field: string; score: number } | null = null;
  for (const c of ledger.columns) {
    if (c.type === 'serial') continue;
    const score = headerConfidence(key, c);
    if (score >= HEADER_GUESS_FLOOR && (!best || score > best.score)) best = { field: c.field, score };
  }
  return best?.field ?? null;
}

const sheet = (rows: (string | number | null)[][]): RawSheet => ({ name: '台账', state: 'visible', rows, merges: [], truncated: false });

describe('a header read by its words', () => {
  it.each([
    ['党组织书记', 'secretary'],
    ['支部书记姓名', 'secretary'],
    ['书记（姓名）', 'secretary'],
    ['书记 姓名', 'secretary'],
    ['党支部书记', 'secretary'],
    ['现任书记', 'secretary'],
    ['联系方式（书记）', 'secretaryPhone'],
    ['书记联系电话', 'secretaryPhone'],
    ['书记联系方式', 'secretaryPhone'],
    ['联系电话', 'secretaryPhone'],
    ['党组织名称', 'name'],
    // The township column headed either way round (a 敖汉旗 office's 乡镇（苏木） was left out).
    ['乡镇（苏木）', 'township'],
    ['苏木（乡镇）', 'township'],
    ['乡镇（苏木、街道）', 'township'],
    ['所在乡镇', 'township'],
    ['旗县', 'county'],
    // A 翁牛特旗 office's headings, left unplaced before.
    ['达标情况', 'standardised'],
    ['换届年月', 'termChangedOn'],
    ['党支部名称', 'name'],
    ['预备党员人数', 'membersProbationary'],
    ['正式党员数', 'membersFormal'],
    ['“最强党支部”创建情况', 'strongestStatus'],
    ['最强党支部创建', 'strongestStatus'],
    ['是否软弱涣散', 'weakLax'],
    ['软弱涣散情况', 'weakLax'],
    ['分类等次', 'grade'],
    ['换届时间（年月）', 'termChangedOn'],
  ])('reads “%s” as %s', (header, field) => {
    expect(readAs(header)).toBe(field);
  });

  it.each([
    ['副书记', '书记 is the secretary; the deputy is another person'],
    ['党组织副书记', 'a deputy, whatever the words around it'],
    ['原书记', 'the former secretary'],
    ['党员人数', 'formal or probationary: a person says which'],
    ['书记年龄', 'an age is not the secretary'],
    ['书记性别', 'nor a sex'],
    ['党员', 'too little to say which'],
    ['2026年', 'a year in a title'],
    ['经棚镇取值测试1村党支部', 'a branch, a value not a header'],
  ])('does not read “%s” as any column (%s)', (header) => {
    expect(readAs(header)).toBeNull();
  });

  it('keeps 党员人数 and 预备党员人数 apart both ways', () => {
    expect(headerConfidence(headerKey('党员人数'), column('membersProbationary'))).toBe(0);
    expect(headerConfidence(headerKey('预备党员人数'), column('membersFormal'))).toBe(0);
    expect(headerConfidence(headerKey('副书记'), column('secretary'))).toBe(0);
  });

  it('is sure of a name the template lists, less of one read by its words', () => {
    expect(headerConfidence(headerKey('书记姓名'), column('secretary'))).toBe(1);
    const guessed = headerConfidence(headerKey('党组织书记'), column('secretary'));
    expect(guessed).toBeGreaterThanOrEqual(HEADER_GUESS_FLOOR);
    expect(guessed).toBeLessThan(1);
  });
});

describe('a table whose headers are read by their words', () => {
  it('maps 党组织书记 and 联系方式（书记） in a header row, with how sure each guess is, and leaves 副书记 out', () => {
    const layout = findTable(
      sheet([
        ['经棚镇2026年党支部分类台账'],
        ['序号', '苏木乡镇', '党支部名称', '正式党员', '党组织书记', '联系方式（书记）', '副书记', '等次'],
        [1, '经棚镇', '一村党支部', 20, '张三', '13900000000', '李四', '好'],
      ]),
      ledger,
    )!;
    expect(layout.headerRows).toEqual([1]);
    expect(Object.fromEntries(layout.columns.fields)).toEqual({ 1: 'township', 2: 'name', 3: 'membersFormal', 4: 'secretary', 5: 'secretaryPhone', 7: 'grade' });
    expect([...layout.columns.confidence!.keys()].sort()).toEqual([4, 5]);
    for (const c of layout.columns.confidence!.values()) expect(c).toBeLessThan(1);
    // A data row is not a header: its 党支部 and 书记 are values, and nothing is guessed from them.
    const plain = findTable(
      sheet([
        ['乡镇', '党支部名称', '书记', '等次'],
        ['经棚镇', '党支部', '书记', '一般'],
      ]),
      ledger,
    )!;
    expect(plain.headerRows).toEqual([0]);
    expect(plain.columns.confidence?.size ?? 0).toBe(0);
  });
});
