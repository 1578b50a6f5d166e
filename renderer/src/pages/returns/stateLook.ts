/**
 * How each state of a return looks on the board: a colour for the screen, and a mark and a
 * border style that still tell the states apart printed in black and white. The label is always
 * written out: colour is never the only sign.
 */
import type { ReturnState } from '../../../../shared/domain/reportReturns.ts';

export const stateLook: Record<ReturnState, { mark: string; color: string; background: string; border: string }> = {
  unsent: { mark: '○', color: '#595959', background: '#ffffff', border: '1px dotted #8c8c8c' },
  sent: { mark: '◔', color: '#874d00', background: '#fff7e6', border: '1px dashed #d48806' },
  returned: { mark: '◑', color: '#0050b3', background: '#e6f4ff', border: '1px solid #1677ff' },
  reviewed: { mark: '◕', color: '#531dab', background: '#f9f0ff', border: '2px solid #722ed1' },
  accepted: { mark: '●', color: '#135200', background: '#f6ffed', border: '3px double #389e0d' },
  sent_back: { mark: '✕', color: '#a8071a', background: '#fff1f0', border: '2px dashed #cf1322' },
};
