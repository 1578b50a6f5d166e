/**
 * The app's look for antd, one for every root that draws antd (the window, the lock screen, the
 * date cell's calendar), and the same look for the style sheet made at build time.
 *
 * Styles: antd's components are styled by a sheet generated from this theme when the window is
 * built (`antdStyle` in vite.config.ts, with @ant-design/static-style-extract), not in the window
 * as each component first draws (`zeroRuntime`): that had been ~30 % of the first screen's
 * script time (issue 18, browser.firstRows). Unhashed class names and a fixed variables key make
 * the built sheet and the window's classes the same.
 *
 * Motion follows the PC: with Windows' 「在 Windows 中显示动画」 off (which 「调整为最佳性能」 does on
 * many office PCs), Chromium reports `prefers-reduced-motion: reduce` and dialogs, menus and
 * confirmations appear where they stay at once, without zooming in. On a slow PC an opening dialog
 * otherwise moves its buttons for 0.3 s after it is drawn, and a click in that time lands beside them.
 * Read once at start: a change of the setting takes effect at the next start.
 */
import { theme, type ThemeConfig } from 'antd';

/** What the built style sheet is generated from. */
export const sheetTheme: ThemeConfig = {
  token: { colorPrimary: '#b71c1c', borderRadius: 4 },
  algorithm: theme.defaultAlgorithm,
  hashed: false,
  cssVar: { key: 'zugong' },
};

const still = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export const appTheme: ThemeConfig = { ...sheetTheme, token: { ...sheetTheme.token, motion: !still }, zeroRuntime: true };
