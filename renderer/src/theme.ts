/**
 * The app's look for antd, one for every root that draws antd (the window, the lock screen, the
 * date cell's calendar).
 *
 * Motion follows the PC: with Windows' 「在 Windows 中显示动画」 off (which 「调整为最佳性能」 does on
 * many office PCs), Chromium reports `prefers-reduced-motion: reduce` and dialogs, menus and
 * confirmations appear where they stay at once, without zooming in. On a slow PC an opening dialog
 * otherwise moves its buttons for 0.3 s after it is drawn, and a click in that time lands beside them.
 * Read once at start: a change of the setting takes effect at the next start.
 */
import { theme, type ThemeConfig } from 'antd';

const still = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

export const appTheme: ThemeConfig = {
  token: { colorPrimary: '#b71c1c', borderRadius: 4, motion: !still },
  algorithm: theme.defaultAlgorithm,
};
