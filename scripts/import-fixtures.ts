/**
 * Makes the import fixtures (tests/fixtures/import): our exports of the small demo
 * league (seed 1, the test clock), then other programs' hands on them
 * (tests/fixtures/import/make_fixtures.py: openpyxl, LibreOffice, its UNO bridge).
 * The outputs are committed; run this again only when the export format changes.
 *   npm run fixtures:import
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { seededCore } from '../tests/helpers/core.ts';

const out = path.resolve(import.meta.dirname, '../tests/fixtures/import');
const { core, dir } = await seededCore('small', 1);
const city = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
const banner = (await core.call('org.children', { parentId: city.id, counts: false })).nodes[0]!;
const town = (await core.call('org.children', { parentId: banner.id, counts: false })).nodes[0]!;
const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
const sent = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner.id, year: 2026, folder: folder! });
const file = sent.files.find((f) => f.unitId === town.id)!;
const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
const { path: projects } = await core.call('shell.chooseSaveFile', { suggestedName: 'other-template.xlsx' });
await core.call('export.run', { templateId: 'projects', scope: { year: 2026, scopeOrgId: town.id }, path: projects! });
fs.copyFileSync(projects!, path.join(out, 'other-template.xlsx'));
const inputs = path.join(dir, 'inputs.json');
fs.writeFileSync(
  inputs,
  JSON.stringify({
    sendDown: file.file,
    sendDownRows: file.rows,
    township: town.name,
    townshipPlace: town.name.replace(/党委$|党工委$/, ''),
    branches: rows.map((r) => [r.name, r.secretary]),
  }),
);
execFileSync('/usr/bin/python3', [path.join(out, 'make_fixtures.py'), inputs, out], { stdio: 'inherit' });
await core.close();
