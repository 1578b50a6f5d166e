/**
 * A table sent down and its return (报送情况), per template, period and unit:
 * 未下发 → 已下发 → 已报送 → 已审核 → 已采纳, or 退回修改 and round again. The one rule of which
 * move is allowed from where; the core refuses any other, and the board offers only these.
 */
export const returnStates = ['unsent', 'sent', 'returned', 'reviewed', 'accepted', 'sent_back'] as const;
export type ReturnState = (typeof returnStates)[number];

export const returnStateLabels: Record<ReturnState, string> = {
  unsent: '未下发',
  sent: '已下发',
  returned: '已报送',
  reviewed: '已审核',
  accepted: '已采纳',
  sent_back: '退回修改',
};

/**
 * Where each state may go. A unit may return a file it was never sent (a hand-made table), so
 * 未下发 → 已报送; sending again (a new batch) keeps a unit 已下发; 已采纳 goes back to 已审核
 * only by reopening, with a reason (its figures were locked).
 */
const moves: Record<ReturnState, readonly ReturnState[]> = {
  unsent: ['sent', 'returned'],
  sent: ['sent', 'returned'],
  returned: ['returned', 'reviewed', 'sent_back'],
  reviewed: ['returned', 'accepted', 'sent_back'],
  accepted: ['reviewed'],
  sent_back: ['sent_back', 'returned', 'sent'],
};

export function canMove(from: ReturnState, to: ReturnState): boolean {
  return moves[from].includes(to);
}

/** Moves that must say why: reopening an accepted return, sending one back. */
export function moveNeedsReason(from: ReturnState, to: ReturnState): boolean {
  return (from === 'accepted' && to === 'reviewed') || to === 'sent_back';
}

/** Whether the unit still owes the table: never sent it back, or sent back for correction (the board's 未报, the 催报 list). */
export function isOwing(state: ReturnState): boolean {
  return state === 'unsent' || state === 'sent' || state === 'sent_back';
}

/** Whether a unit's figures for the period are locked (an accepted return): a change needs it reopened. */
export function isLocked(state: ReturnState): boolean {
  return state === 'accepted';
}
