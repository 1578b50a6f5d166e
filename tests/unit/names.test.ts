import { describe, expect, it } from 'vitest';
import { hiddenCharacter, hiddenCharacterMessage } from '../../shared/domain/names.ts';

describe('names are names', () => {
  it('find a control or invisible character and say where it is, counting as a person counts', () => {
    const cases: [string, number, string, string][] = [
      ['天义\0镇', 3, 'U+0000', '空字符'],
      ['天义\u200B镇', 3, 'U+200B', '零宽空格'],
      ['\u202E镇义天', 1, 'U+202E', '文字方向控制符'],
      ['天义镇\u2066', 4, 'U+2066', '文字方向控制符'],
      ['\uFEFF天义镇', 1, 'U+FEFF', '字节顺序标记'],
      ['天义\t镇', 3, 'U+0009', '制表符'],
      ['天义\n镇', 3, 'U+000A', '换行符'],
      ['天\u0085义', 2, 'U+0085', '控制字符'],
      ['天\u2060义', 2, 'U+2060', '零宽不换行符'],
      // A character beyond the BMP counts once: 𠀀 is one character, two UTF-16 units.
      ['𠀀\u200D镇', 2, 'U+200D', '零宽连接符'],
      ['天义\uD800镇', 3, 'U+D800', '不完整的字符'],
    ];
    for (const [text, position, code, what] of cases) {
      expect(hiddenCharacter(text), JSON.stringify(text)).toEqual({ position, code, what });
    }
    expect(hiddenCharacterMessage(hiddenCharacter('天义\u200B镇')!)).toBe('第 3 个字是看不见的零宽空格（U+200B），请删除后重新输入');
  });

  it('let through every visible name: Chinese, Latin, full-width, rare characters, Mongolian script with its own separators', () => {
    for (const text of ['天义镇党委', '中共宁城县委组织部（兼）', 'ABC 公司党支部', '１２３', '𠀀村', '巴彦\u180E淖尔', 'ᠮᠣᠩᠭᠣᠯ\u202Fᠤᠨ', '“最强党支部”']) {
      expect(hiddenCharacter(text), text).toBeNull();
    }
  });
});
