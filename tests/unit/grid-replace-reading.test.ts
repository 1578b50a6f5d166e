/**
 * A replace through a column that reads the new text as another value says what it stored: 一般 in
 * 等次 is the dictionary's word for 中间 and is stored as 中间, as when typed (replacePlan.ts).
 */
import { describe, expect, it } from 'vitest';
import type { DictEntry } from '../../shared/contract/types.ts';
import { parseFieldValue, shownValue, type FieldDef } from '../../shared/domain/fields.ts';
import { matcher } from '../../renderer/src/grid/find/match.ts';
import { planReplace, readingMessage, type ReplaceTarget } from '../../renderer/src/grid/find/replacePlan.ts';

const dicts: DictEntry[] = [
  { dict: 'grade', code: 'advanced', label: '先进', synonyms: ['好', '优秀'], sortOrder: 1, active: true },
  { dict: 'grade', code: 'middle', label: '中间', synonyms: ['中', '一般'], sortOrder: 2, active: true },
  { dict: 'grade', code: 'lagging', label: '后进', synonyms: ['差'], sortOrder: 3, active: true },
];
const grade: FieldDef = { field: 'grade', label: '等次', type: 'dict', dict: 'grade', editable: true, width: 90 };
const members: FieldDef = { field: 'membersFormal', label: '正式党员（名）', type: 'integer', editable: true, width: 100 };
const secretary: FieldDef = { field: 'secretary', label: '书记', type: 'text', editable: true, width: 100 };

const target = (rowId: string, field: FieldDef, text: string): ReplaceTarget<{ id: string }> => ({
  rowId,
  colId: field.field,
  row: { id: rowId },
  text,
  header: field.label,
  where: `第 ${rowId} 行“${field.label}”`,
  editable: true,
  parse: (t) => parseFieldValue(field, t, dicts),
  shown: (v) => shownValue(field, v, dicts),
});
const whole = (text: string) => matcher({ text, caseSensitive: false, wholeCell: true })!;
const part = (text: string) => matcher({ text, caseSensitive: false, wholeCell: false })!;

describe('what a replace stores when the column reads the new text as another value', () => {
  it('一般 in 等次 is stored as 中间: the text is written as typed, and the reading is named once for all its cells', () => {
    const plan = planReplace([target('1', grade, '后进'), target('2', grade, '后进')], whole('后进'), '一般');
    // Written as typed text: the core parses it, as it does what is typed in the cell.
    expect(plan.changes.map((c) => c.value)).toEqual(['一般', '一般']);
    expect(plan.readings).toEqual([{ header: '等次', text: '一般', shown: '中间' }]);
    expect(readingMessage(plan.readings)).toBe('“一般”在“等次”中读作“中间”，已按“中间”保存。');
    expect(readingMessage(plan.readings, false)).toBe('“一般”在“等次”中读作“中间”，将按“中间”保存。');
  });

  it('a label, a number as shown or a plain text is stored as it reads: nothing to say', () => {
    expect(planReplace([target('1', grade, '后进')], whole('后进'), '中间').readings).toEqual([]);
    expect(planReplace([target('1', members, '15')], part('5'), '6').readings).toEqual([]);
    expect(planReplace([target('1', secretary, '王五')], part('五'), '六').readings).toEqual([]);
    // Emptied: a blank stays a blank.
    expect(planReplace([target('1', grade, '后进')], whole('后进'), '').readings).toEqual([]);
    expect(readingMessage([])).toBe('');
  });

  it('each new text once per column; up to three named, the rest counted', () => {
    const plan = planReplace([target('1', members, '5'), target('2', members, '5'), target('3', members, '15')], whole('5'), '05');
    expect(plan.changes.map((c) => c.value)).toEqual(['05', '05']);
    expect(plan.readings).toEqual([{ header: '正式党员（名）', text: '05', shown: '5' }]);
    const more = [...plan.readings, { header: '等次', text: '一般', shown: '中间' }, { header: '等次', text: '好', shown: '先进' }, { header: '等次', text: '差', shown: '后进' }];
    expect(readingMessage(more)).toBe('“05”在“正式党员（名）”中读作“5”；“一般”在“等次”中读作“中间”；“好”在“等次”中读作“先进”等 4 种写法，已按读作的值保存。');
  });
});
