/**
 * Chinese order for names held in memory (the grid, small lists). A module of its own: the window
 * sorts with it from the start, while pinyin-pro (pinyin.ts, ~200 KB of dictionary) is loaded only
 * when a picker first needs a name's initials.
 */
export const zhCollator = new Intl.Collator('zh-CN', { numeric: true });
