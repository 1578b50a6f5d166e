/**
 * What the 分类台账 page asks before it can show its first rows, asked as early as the window
 * can: at start when the window opens on the ledger (a reload, a link), and as the page is first
 * drawn otherwise. The calls then go out together, and the first screenful right after the
 * year and the unit are known, instead of one after the other as each part of the page is
 * drawn and asks in turn. The page's own calls take these answers (Api.prefetch).
 */
import type { Api } from '../../api/client.ts';

/** Rows in the first answer: a screenful, shown while the rest of the year is read. */
export const FIRST_PAGE = 100;

/** The year the page opens on: the ledger's latest, or this year when it has none. */
export function openingYear(years: readonly number[]): number {
  return years[0] ?? new Date().getFullYear();
}

/** The page's query of a year within a unit (none: the whole tree). */
export function ledgerQuery(year: number, scopeOrgId: number | null | undefined): { year: number; scopeOrgId?: number } {
  return scopeOrgId === null || scopeOrgId === undefined ? { year } : { year, scopeOrgId };
}

const ignore = () => undefined;

/**
 * `scopeOrgId`: the unit the page will show, when it is known; at start it is the department's
 * unit from the settings (the window starts every page there).
 */
export function askFirstScreen(api: Api, scopeOrgId?: number | null): void {
  const atStart = scopeOrgId === undefined;
  // In the order the core answers them, one at a time: first the first rows, so that they are
  // on their way before the window, its password gate answered, starts drawing (a long task,
  // during which no answer is read); setup.status last, its counts of the whole tree take longest.
  if (atStart) {
    // At start the year and the unit are the core's to know: one call answers them with the rows.
    const opening = api.prefetch('ledger.opening', { limit: FIRST_PAGE });
    api.expect('ledger.years', {}, opening.then((o) => o.years));
    opening
      .then((o) => o.first && api.expect('ledger.list', { ...ledgerQuery(openingYear(o.years), o.unitId), limit: FIRST_PAGE }, Promise.resolve(o.first)))
      .catch(ignore);
  } else {
    const years = api.prefetch('ledger.years', {});
    years.then((ys) => api.prefetch('ledger.list', { ...ledgerQuery(openingYear(ys), scopeOrgId), limit: FIRST_PAGE })).catch(ignore);
  }
  if (atStart) api.prefetch('auth.status', {}).catch(ignore);
  api.prefetch('dict.list', {}).catch(ignore);
  api.prefetch('view.list', { grid: 'ledger' }).catch(ignore);
  // The window waits for this before it draws any page.
  if (atStart) api.prefetch('setup.status', {}).catch(ignore);
}
