/**
 * Marks a cell that holds no usable value: an error value (UNREADABLE + '#N/A') or a
 * formula saved without its result (UNREADABLE + '=A1+1'). The escape character cannot
 * occur in a spreadsheet's XML text, so no typed text is ever taken for one. (A module of
 * its own: the worker loads stream.ts, and this, without the rest of the reader.)
 */
export const UNREADABLE = '\u001b';
