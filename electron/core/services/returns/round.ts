/**
 * The next round: a unit returns its file again after a send-back, and the preview says at
 * the top what became of each cell sent back (已改正, 仍有, its row gone) and what is new,
 * with the round. Also what a send-back of this file would mark (the dialog's list).
 */
import { compareRounds, type RoundCheckResult, type SendBackItem } from '../../../../shared/domain/sendBack.ts';
import { findReturn, returnEvents, returnKeyOfBatch } from '../../repos/reportReturns.ts';
import type { ServiceContext } from '../context.ts';
import { sessionOrThrow } from '../import/sessions.ts';
import { rowKeys, sendBackItems } from './annotate.ts';

export function roundCheck(ctx: ServiceContext, args: { sessionId: string }): RoundCheckResult {
  const session = sessionOrThrow(ctx, args.sessionId);
  const items = sendBackItems(ctx, session);
  const { exported, file } = session.preview;
  const key = exported?.ours ? returnKeyOfBatch(ctx.conn.sqlite, exported.batchId) : null;
  const held = key ? findReturn(ctx.conn.sqlite, key) : undefined;
  if (!held) return { items, comparison: null };
  const events = returnEvents(ctx.conn.sqlite, held.id);
  const lastBack = events.findLastIndex((e) => e.to_state === 'sent_back');
  if (lastBack < 0) return { items, comparison: null };
  const back = events[lastBack]!;
  // The file that was sent back, opened again: no new round to compare.
  const sentFile = events.slice(0, lastBack).findLast((e) => e.to_state === 'returned');
  if (sentFile?.file_hash === file.hash) return { items, comparison: null };
  const listed = back.problems_json ? (JSON.parse(back.problems_json) as SendBackItem[]) : [];
  const compared = compareRounds(listed, { rows: rowKeys(session), items });
  return {
    items,
    comparison: {
      round: back.round + 1,
      sentBackAt: back.at,
      sentBackBy: back.actor,
      reason: back.reason,
      listed: listed.length,
      ...compared,
      // The annotated copy came back untouched (its own bytes): nothing was corrected.
      unchangedCopy: back.file_hash !== null && back.file_hash === file.hash,
    },
  };
}
