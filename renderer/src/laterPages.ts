/**
 * The pages the window does not open on. 组织机构 (the window's default) and 分类台账 (a
 * reload, a link, the most used) are in the window's first script; every other page is a chunk
 * of its own, read when first opened or, at the latest, once the window is idle after start.
 * Chromium reads and compiles a script before it runs any of it: at 100,000 branches the first
 * screen waited on reading these pages and the antd components only they use (docs/performance.md).
 */
import { lazy } from 'react';
import { loadECharts } from './charts/Chart.tsx';

const loaders = {
  liaison: () => import('./pages/liaison/LiaisonPage.tsx'),
  problems: () => import('./pages/problems/ProblemsPage.tsx'),
  export: () => import('./pages/export/ExportPage.tsx'),
  import: () => import('./pages/import/ImportPage.tsx'),
  stats: () => import('./pages/StatsPage.tsx'),
  strongest: () => import('./pages/strongest/StrongestPage.tsx'),
  settings: () => import('./pages/SettingsPage.tsx'),
  checklists: () => import('./pages/standards/ChecklistPage.tsx'),
  consolidate: () => import('./pages/consolidate/ConsolidatePage.tsx'),
  returns: () => import('./pages/returns/ReturnsPage.tsx'),
  planned: () => import('./pages/PlannedPage.tsx'),
};

export const LiaisonPage = lazy(() => loaders.liaison().then((m) => ({ default: m.LiaisonPage })));
export const ProblemsPage = lazy(() => loaders.problems().then((m) => ({ default: m.ProblemsPage })));
export const ExportPage = lazy(() => loaders.export().then((m) => ({ default: m.ExportPage })));
export const ImportPage = lazy(() => loaders.import().then((m) => ({ default: m.ImportPage })));
export const StatsPage = lazy(() => loaders.stats().then((m) => ({ default: m.StatsPage })));
export const StrongestPage = lazy(() => loaders.strongest().then((m) => ({ default: m.StrongestPage })));
export const SettingsPage = lazy(() => loaders.settings().then((m) => ({ default: m.SettingsPage })));
export const ChecklistPage = lazy(() => loaders.checklists().then((m) => ({ default: m.ChecklistPage })));
export const ConsolidatePage = lazy(() => loaders.consolidate().then((m) => ({ default: m.ConsolidatePage })));
export const ReturnsPage = lazy(() => loaders.returns().then((m) => ({ default: m.ReturnsPage })));
export const PlannedPage = lazy(() => loaders.planned().then((m) => ({ default: m.PlannedPage })));

let asked = false;
/**
 * Once the window is idle after start: every page's code, and the charting code 统计分析 draws
 * with, so that a page opened later shows at once, as when all were in the first script.
 */
export function readLaterPagesWhenIdle(): void {
  if (asked) return;
  asked = true;
  const readAll = () => {
    for (const load of Object.values(loaders)) void load().catch(() => undefined);
    void loadECharts().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(readAll, { timeout: 5000 });
  else setTimeout(readAll, 1000);
}
