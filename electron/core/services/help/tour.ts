/**
 * The first run's guided tour of the first hour (in-app 帮助, issue 20): offered once, after the
 * first run built the tree, and remembered with the data (a copy of the database carried to
 * another computer does not offer it again). Databases set up before the tour existed, or made
 * otherwise than by the first run, never offer it: the tour is for someone who just started.
 */
import type SQLite from 'better-sqlite3';
import type { TourState } from '../../../../shared/contract/types.ts';
import { getSetting, setSetting } from '../../repos/settings.ts';

export const tourSetting = 'help.tour';

type Stored = 'offer' | 'shown' | 'skipped' | null;

export function tourState(sqlite: SQLite.Database): TourState {
  const stored = getSetting<Stored>(sqlite, tourSetting, null);
  return { offer: stored === 'offer', outcome: stored === 'shown' || stored === 'skipped' ? stored : null };
}

/** The first run just built the tree: the next screen offers the tour, unless it was already taken or declined. */
export function offerTour(sqlite: SQLite.Database): void {
  if (getSetting<Stored>(sqlite, tourSetting, null) === null) setSetting(sqlite, tourSetting, 'offer');
}

/** The tour was gone through (shown) or declined (skipped): it is not offered again, and stays startable from 帮助. */
export function recordTour(sqlite: SQLite.Database, outcome: 'shown' | 'skipped'): TourState {
  setSetting(sqlite, tourSetting, outcome);
  return tourState(sqlite);
}
