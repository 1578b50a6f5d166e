/**
 * 退回修改: a returned file that cannot be taken as it is goes back to its unit as an annotated
 * copy (excel/annotate.ts) with a reason, and the return's state becomes 退回修改 with the
 * cells listed (kept with the event, for the next round's comparison: round.ts).
 *
 * The preview is dropped once the copy is written: a file sent back is not imported (the unit
 * corrects it and returns it whole, and its good rows then come in with the corrected ones);
 * committing half of it would leave the board saying 退回修改 of values already taken.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/contract/errors.ts';
import { canMove, returnStateLabels, type ReturnState } from '../../../../shared/domain/reportReturns.ts';
import { itemKey, type SendBackItem, type SendBackResult } from '../../../../shared/domain/sendBack.ts';
import { plainTitle } from '../../../../shared/templates/index.ts';
import { writeAnnotatedCopy } from '../../excel/annotate.ts';
import { findReturn, moveReturn, returnKeyOfBatch, type ReturnKey, type ReturnMove } from '../../repos/reportReturns.ts';
import { writeFailure } from '../../shell.ts';
import { localTime, type ServiceContext } from '../context.ts';
import { sessionOrThrow, type ImportSession } from '../import/sessions.ts';
import { sendBackItems, withNotes } from './annotate.ts';

export interface SendBackArgs {
  sessionId: string;
  reason: string;
  /** A person's own marks: a cell (by row and field) and what to say there. */
  notes?: { sheet?: string | undefined; sourceRow: number; field: string; text: string }[] | undefined;
  /** The cells to mark, by sheet and address (absent: those the list proposes). */
  cells?: { sheet: string; cell: string }[] | undefined;
  /** Where the copy goes: a path chosen with shell.chooseSaveFile. */
  path: string;
}

/** Why a file has no return on the board, in a person's words. */
function notTracked(exported: ImportSession['preview']['exported']): string {
  if (!exported) return '这份文件不是本机下发的报表（没有下发标识）';
  if (!exported.ours) return `这份文件由其他电脑上的组工台账导出（${exported.unitName}），不是本机下发的报表`;
  return '这份文件是本机导出、但不是下发给某个下级单位的报表';
}

/** The return this file is, when its manifest names a batch of ours. */
function returnOf(ctx: ServiceContext, session: ImportSession): ReturnKey | null {
  const exported = session.preview.exported;
  return exported?.ours ? returnKeyOfBatch(ctx.conn.sqlite, exported.batchId) : null;
}

/**
 * The moves a send-back makes: the file's arrival first when the board has not recorded it
 * (its return holds another file, or none: 已报送 is what a file coming in is), then 退回修改.
 * Refused in Chinese, before anything is written, where the board does not allow it (an
 * accepted return is locked: it is reopened first, with a reason).
 */
function plannedMoves(ctx: ServiceContext, key: ReturnKey, session: ImportSession, reason: string, at: string, annotated: { path: string; name: string; hash?: string }): ReturnMove[] {
  const row = findReturn(ctx.conn.sqlite, key);
  const from = (row?.state ?? 'unsent') as ReturnState;
  const { file, exported } = session.preview;
  const arrived = row?.file_hash === file.hash;
  const moves: ReturnMove[] = [];
  if (!arrived && from !== 'accepted') {
    moves.push({ to: 'returned', actor: ctx.actor, at, fileName: file.name, fileHash: file.hash, filePath: session.file, exportBatchId: exported?.batchId ?? null });
  }
  moves.push({ to: 'sent_back', actor: ctx.actor, at, reason, fileName: annotated.name, fileHash: annotated.hash ?? null, filePath: annotated.path, exportBatchId: exported?.batchId ?? null });
  let state = from;
  for (const m of moves) {
    if (!canMove(state, m.to)) {
      const why = state === 'accepted' ? '已采纳的报表数据已锁定，须先重新打开（填写原因）后才能退回。' : '';
      throw new AppError('CONFLICT', `该单位的这份报表当前为“${returnStateLabels[state]}”，不能退回修改，没有写出任何文件。${why}`, { from: state, to: m.to });
    }
    state = m.to;
  }
  return moves;
}

/** What the file is: judged by its bytes and name (the session keeps the path, not the reader's verdict). */
function bookKind(file: string): 'xlsx' | 'xls' | 'ods' | 'csv' {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head[0] === 0xd0 && head[1] === 0xcf) return 'xls';
  if (head[0] === 0x50 && head[1] === 0x4b) return path.extname(file).toLowerCase() === '.ods' ? 'ods' : 'xlsx';
  return 'csv';
}

/** The cells to mark: those chosen (each must be one the list has), else those it proposes; then the person's notes. */
function chosenItems(ctx: ServiceContext, session: ImportSession, args: SendBackArgs): SendBackItem[] {
  const all = sendBackItems(ctx, session);
  let items: SendBackItem[];
  if (args.cells) {
    const byKey = new Map(all.map((i) => [itemKey(i), i]));
    items = args.cells.map((c) => {
      const item = byKey.get(itemKey(c));
      if (!item) throw new AppError('INVALID_ARGS', `“${c.sheet}”的 ${c.cell} 不是这份文件中有问题的单元格，没有写出任何文件。如需在这个单元格上说明，请用“添加标注”。`);
      return item;
    });
  } else items = all.filter((i) => i.proposed);
  return withNotes(session, items, args.notes ?? []);
}

export async function sendBackReturn(ctx: ServiceContext, args: SendBackArgs): Promise<SendBackResult> {
  const session = sessionOrThrow(ctx, args.sessionId);
  const reason = args.reason.trim();
  if (!reason) throw new AppError('INVALID_ARGS', '请填写退回原因（报送单位会在退回说明中看到），没有写出任何文件。');
  const target = ctx.grants.writable(args.path);
  const items = chosenItems(ctx, session, args);
  const { preview } = session;
  const key = returnOf(ctx, session);
  const at = ctx.now().toISOString();
  const annotated: Annotated = { path: target, name: path.basename(target) };
  // Checked before the file is written, and again in the transaction that records the moves.
  if (key) plannedMoves(ctx, key, session, reason, at, annotated);

  const unit = preview.exported?.unitName ?? '（文件中未注明）';
  const written = await writeCopy(ctx, session, items, reason, unit, target);
  const board = key ? recordSendBack(ctx, key, session, reason, at, annotated, items) : null;
  ctx.imports.drop(args.sessionId);
  const dropped = written.validationsDropped ? '原文件的下拉列表设在整列上、范围过大，批注副本中没有保留下拉列表（单元格内容和格式都在）。' : '';
  const where = `批注副本已保存为“${annotated.name}”，标出 ${items.length} 处问题。${dropped}`;
  const message = board
    ? `${where}${unit}的这份报表已改为“${returnStateLabels.sent_back}”（第 ${board.round} 轮）。这份文件没有导入。`
    : `${where}${notTracked(preview.exported)}，没有改动任何报送情况。这份文件没有导入。`;
  return { path: target, fileName: annotated.name, marked: items.length, board, message };
}

interface Annotated {
  path: string;
  name: string;
  hash?: string;
}

/** The unit's file with its problem cells marked and a 退回说明 sheet, written to `target` (a failure said in Chinese). */
async function writeCopy(ctx: ServiceContext, session: ImportSession, items: SendBackItem[], reason: string, unit: string, target: string): Promise<{ validationsDropped: boolean }> {
  const { preview } = session;
  const period = preview.exported?.period ?? String(preview.year);
  try {
    return await writeAnnotatedCopy({
      source: session.file,
      kind: bookKind(session.file),
      target,
      marks: items.map((i) => ({ sheet: i.sheet, cell: i.cell, comment: i.reason })),
      notes: {
        title: `${plainTitle(session.recognised.template)}退回修改说明`,
        lines: [
          ['填报单位', unit],
          ['所属期', `${period} 年`],
          ['报送文件', preview.file.name],
          ['退回原因', reason],
          ['退回时间', `${localTime(ctx.now())}　　经办人：${ctx.actor}`],
        ],
        rows: items.map((i) => ({ sheet: i.sheet, cell: i.cell, row: i.rowLabel, header: i.header, value: i.value, reason: i.reason })),
        footer: `以上 ${items.length} 处已在表中用黄色底纹、粗边框标出，单元格批注写明了问题。请在本文件中逐项改正后重新报送；请勿删除隐藏的工作表和隐藏列，以便系统识别本表。`,
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const failed = writeFailure(e, target);
    if (failed instanceof AppError) throw failed;
    throw new AppError('BAD_FILE', `无法生成“${preview.file.name}”的批注副本：${e instanceof Error ? e.message : String(e)}。没有改动报送情况。`, { file: preview.file.name });
  }
}

/** The board's moves to 退回修改, with the cells listed; if the board refuses after all, the copy is removed. */
function recordSendBack(ctx: ServiceContext, key: ReturnKey, session: ImportSession, reason: string, at: string, annotated: Annotated, items: SendBackItem[]): NonNullable<SendBackResult['board']> {
  // The copy's own bytes: came back untouched, it is told as such (round.ts).
  annotated.hash = createHash('sha256').update(fs.readFileSync(annotated.path)).digest('hex');
  const problems = items.map(({ sheet, cell, sourceRow, field, header, value, reason: why, kind, rowLabel, row }) => ({ sheet, cell, sourceRow, field, header, value, reason: why, kind, rowLabel, row }));
  try {
    const row = ctx.conn.writeTransaction(() => {
      let now = findReturn(ctx.conn.sqlite, key);
      for (const move of plannedMoves(ctx, key, session, reason, at, annotated)) now = moveReturn(ctx.conn.sqlite, key, move.to === 'sent_back' ? { ...move, problems } : move);
      return now!;
    })();
    ctx.events.emit('data.changed', { entity: 'report_return' });
    return { state: row.state, round: row.round };
  } catch (e) {
    // No copy is left that the board does not know of.
    fs.rmSync(annotated.path, { force: true });
    throw e;
  }
}
