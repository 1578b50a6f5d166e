/**
 * Names are names: a unit, a view, a dictionary entry is named with characters a
 * person can see. A control character, a zero-width space or a bidi override looks
 * like nothing (or reverses what follows) on screen and in a printed table, so two
 * units that look alike would not be the same, and a search would not find them.
 *
 * Not refused: U+180B–U+180F (Mongolian variation selectors and vowel separator) and
 * U+202F (the narrow no-break space Mongolian script writes before suffixes).
 */

/** C0 and C1 controls, zero-width characters, bidi marks, embeddings, overrides and isolates, BOM, unpaired surrogates. */
const hidden =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface HiddenCharacter {
  /** 1-based, counted as a person counts characters. */
  position: number;
  /** U+200B */
  code: string;
  /** 零宽空格, 文字方向控制符 … */
  what: string;
}

function describe(c: number): string {
  if (c === 0) return '空字符';
  if (c === 0x09) return '制表符';
  if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return '换行符';
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return '控制字符';
  if (c === 0x200b) return '零宽空格';
  if (c === 0x200c || c === 0x200d) return '零宽连接符';
  if (c === 0xfeff) return '字节顺序标记';
  if (c === 0x2060) return '零宽不换行符';
  if (c >= 0xd800 && c <= 0xdfff) return '不完整的字符';
  if (c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return '文字方向控制符';
  return '不可见字符';
}

/** The first character of `text` a name may not hold, or null. */
export function hiddenCharacter(text: string): HiddenCharacter | null {
  const m = hidden.exec(text);
  if (!m) return null;
  const c = m[0].charCodeAt(0);
  return {
    position: [...text.slice(0, m.index)].length + 1,
    code: `U+${c.toString(16).toUpperCase().padStart(4, '0')}`,
    what: describe(c),
  };
}

/** Why a name is refused, in words a person can act on. */
export function hiddenCharacterMessage(h: HiddenCharacter): string {
  return `第 ${h.position} 个字是看不见的${h.what}（${h.code}），请删除后重新输入`;
}
