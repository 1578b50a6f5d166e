/**
 * What the returns board (报送情况) shows: for the templates and periods chosen, the units
 * expected to return them (the roster on a date) and each one's state, round, dates and delay.
 */
import type { ReturnState } from '../domain/reportReturns.ts';

/** One unit's return of one template for one period. */
export interface ReturnCell {
  /** Null while nothing was sent or received (未下发: no row yet). */
  returnId: number | null;
  templateId: string;
  period: string;
  state: ReturnState;
  stateLabel: string;
  round: number;
  exportBatchId: string | null;
  sentAt: string | null;
  importBatchId: string | null;
  fileName: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
  dueOn: string | null;
  /** Days past the deadline: of today while nothing came in, of the day it came in otherwise; null when on time or without deadline. */
  daysLate: number | null;
  locked: boolean;
}

export interface ReturnBoardRow {
  unitOrgId: number;
  unitName: string;
  unitCode: string | null;
  /** False for a unit that has a return but is no longer expected (closed, moved): shown, never hidden. */
  onRoster: boolean;
  cells: ReturnCell[];
}

export interface ReturnBoard {
  scope: { id: number; name: string };
  onDate: string;
  today: string;
  /** The board's columns, in order: each template for each period. */
  columns: { templateId: string; title: string; period: string }[];
  rows: ReturnBoardRow[];
  /** How many cells are in each state, and how many are late. */
  /** late: cells past their deadline (still owing, or returned after it); lateOwing: of those, the ones still owing. */
  counts: Record<ReturnState, number> & { late: number; lateOwing: number };
}

export interface ReturnEventView {
  at: string;
  actor: string;
  from: string | null;
  to: string;
  round: number;
  reason: string | null;
  fileName: string | null;
}

/** The return a file opened for import is (its banner in the preview, its row on the board). */
export interface ReturnOfFile {
  returnId: number;
  unitOrgId: number;
  unitName: string;
  /** The unit that sent the table down (the board's scope for this row). */
  senderOrgId: number | null;
  templateId: string;
  templateTitle: string;
  period: string;
  state: ReturnState;
  stateLabel: string;
  round: number;
  /** Why this opening did not count as a new return (the same file again, or an accepted return). */
  note: string | null;
}

