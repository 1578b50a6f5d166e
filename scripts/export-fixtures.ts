/**
 * Renders page 1 of every built-in template's export with LibreOffice and keeps it as
 * a reviewed fixture: tests/fixtures/export/<template>-page1.png (look at it before
 * committing) and its coarse signature, which tests/core/export.test.ts compares with.
 *   npm run fixtures:export
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededCore } from '../tests/helpers/core.ts';
import { exportEach, fixturesDir } from '../tests/helpers/exports.ts';
import { pageSignature, pdfPages, renderPage1, soffice } from '../tests/helpers/office.ts';

process.env.TZ = 'Asia/Shanghai';
const { core, dir } = await seededCore('small', 1);
fs.mkdirSync(fixturesDir, { recursive: true });
for (const e of await exportEach(core)) {
  const pdf = soffice(e.file, 'pdf', path.join(dir, 'pdf'));
  renderPage1(pdf, path.join(fixturesDir, `${e.id}-page1.png`));
  fs.writeFileSync(path.join(fixturesDir, `${e.id}-page1.json`), `${JSON.stringify({ pages: pdfPages(pdf), rows: e.rows, signature: pageSignature(pdf) })}\n`);
  console.log(`${e.id}: ${e.rows} 行，${pdfPages(pdf)} 页`);
}
await core.close();
