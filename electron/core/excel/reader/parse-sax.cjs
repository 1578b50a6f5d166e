// @ts-check
/**
 * ExcelJS 4.4.0's SAX loop decodes each chunk of a zipped XML part on its own with one
 * shared TextDecoder, so a Chinese character whose three bytes fall across two chunks
 * comes out as "��": 1 row in 1,500 of a Chinese ledger, silently. This is the same
 * loop with a decoder per part that carries the split bytes over ({ stream: true }).
 * electron/core/excel/exceljs.ts loads ExcelJS with this in place of its own (and the
 * packaged app's bundle resolves ExcelJS's import of it here: scripts/build-electron.ts).
 */
const { SaxesParser } = require('saxes');
const { PassThrough } = require('readable-stream');

module.exports = async function* parseSax(/** @type {any} */ iterable) {
  if (iterable.pipe && !iterable[Symbol.asyncIterator]) iterable = iterable.pipe(new PassThrough());
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  /** @type {unknown} */
  let error;
  parser.on('error', (err) => {
    error = err;
  });
  /** @type {{ eventType: string, value: unknown }[]} */
  let events = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
};
