/**
 * The pages the window does not open on. 组织机构 (the window's default) and 分类台账 (a
 * reload, a link, the most used) are in the window's first script; every other page is a chunk
 * of its own, read when first opened or, at the latest, once the window is idle after start.
 * Chromium reads and compiles a script before it runs any of it: at 100,000 branches the first
 * screen waited on reading these pages and the antd components only they use (docs/performance.md).
 */
import { lazy, type ComponentType } from 'react';
import { loadECharts } from './charts/Chart.tsx';

const reads: (() => Promise<unknown>)[] = [];

/**
 * A page read when first needed. Once its module is read, React takes it at once (a thenable
 * that answers as it is asked) instead of showing the fallback for a moment: a page that
 * suspends on a click is not drawn yet, and a quick click back to the page before it left that
 * page up as it was, without the fresh answers a page asks for each time it is opened. (For a
 * page not read yet, App.tsx draws each visit afresh: tests/e2e/page-visits.test.ts.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound on what it takes
function laterPage<M, C extends ComponentType<any>>(load: () => Promise<M>, pick: (m: M) => C) {
  let read: M | undefined;
  const readOnce = () => load().then((m) => (read = m));
  reads.push(readOnce);
  return lazy<C>(() => {
    if (read === undefined) return readOnce().then((m) => ({ default: pick(m) }));
    const now = { default: pick(read) };
    return { then: (taken: (m: typeof now) => void) => taken(now) } as unknown as Promise<typeof now>;
  });
}

export const LiaisonPage = laterPage(() => import('./pages/liaison/LiaisonPage.tsx'), (m) => m.LiaisonPage);
export const ProblemsPage = laterPage(() => import('./pages/problems/ProblemsPage.tsx'), (m) => m.ProblemsPage);
export const ExportPage = laterPage(() => import('./pages/export/ExportPage.tsx'), (m) => m.ExportPage);
export const ImportPage = laterPage(() => import('./pages/import/ImportPage.tsx'), (m) => m.ImportPage);
export const StatsPage = laterPage(() => import('./pages/StatsPage.tsx'), (m) => m.StatsPage);
export const StrongestPage = laterPage(() => import('./pages/strongest/StrongestPage.tsx'), (m) => m.StrongestPage);
export const SettingsPage = laterPage(() => import('./pages/SettingsPage.tsx'), (m) => m.SettingsPage);
export const ChecklistPage = laterPage(() => import('./pages/standards/ChecklistPage.tsx'), (m) => m.ChecklistPage);
export const ConsolidatePage = laterPage(() => import('./pages/consolidate/ConsolidatePage.tsx'), (m) => m.ConsolidatePage);
export const ReturnsPage = laterPage(() => import('./pages/returns/ReturnsPage.tsx'), (m) => m.ReturnsPage);
export const PlannedPage = laterPage(() => import('./pages/PlannedPage.tsx'), (m) => m.PlannedPage);

let asked = false;
/**
 * Once the window is idle after start: every page's code, and the charting code 统计分析 draws
 * with, so that a page opened later shows at once, as when all were in the first script.
 */
export function readLaterPagesWhenIdle(): void {
  if (asked) return;
  asked = true;
  const readAll = () => {
    for (const read of reads) void read().catch(() => undefined);
    void loadECharts().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(readAll, { timeout: 5000 });
  else setTimeout(readAll, 1000);
}
