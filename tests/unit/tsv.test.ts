import { describe, expect, it } from 'vitest';
import { formatTsv, parseTsv } from '../../shared/domain/tsv.ts';

describe('TSV from Excel, WPS and LibreOffice', () => {
  it('splits rows and cells, with CRLF or LF and a trailing line break', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\nc\td\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps empty cells, leading, trailing and whole empty rows', () => {
    expect(parseTsv('\tb\t\r\n\t\t\r\n')).toEqual([['', 'b', ''], ['', '', '']]);
    expect(parseTsv('x\r\n\r\ny\r\n')).toEqual([['x'], [''], ['y']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('reads quoted cells with embedded tabs, line breaks and quotes', () => {
    const text = '"第一行\n第二行"\t"含\t制表符"\t"他说""好"""\r\n普通\t"x"\t\r\n';
    expect(parseTsv(text)).toEqual([
      ['第一行\n第二行', '含\t制表符', '他说"好"'],
      ['普通', 'x', ''],
    ]);
    expect(parseTsv('"a\r\nb"\tc\r\n')).toEqual([['a\r\nb', 'c']]);
  });

  it('takes a quote that does not wrap the whole cell literally', () => {
    expect(parseTsv('"5"号楼\t2\r\n')).toEqual([['"5"号楼', '2']]);
    expect(parseTsv('他说"好"\t2\n')).toEqual([['他说"好"', '2']]);
  });

  it('writes what it reads', () => {
    const rows = [['天义镇', '含\t制表符', '两\n行', '引号"'], ['', '12', '', '']];
    expect(formatTsv(rows)).toBe('天义镇\t"含\t制表符"\t"两\n行"\t"引号"""\r\n\t12\t\t\r\n');
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
  });
});

describe('a block LibreOffice wrote', () => {
  it('reads the committed fixture: 4 rows × 6 cells, a line break and quotes inside cells', async () => {
    const fs = await import('node:fs');
    const text = fs.readFileSync(new URL('../fixtures/clipboard/libreoffice-block.tsv', import.meta.url), 'utf8');
    const rows = parseTsv(text);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows[1]![2]).toBe('乌兰\n（兼）');
    expect(rows[2]![2]).toBe('李"红"梅');
    expect(rows[0]![1]).toBe('２');
  });
});
