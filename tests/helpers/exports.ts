/** The exports the tests and the reviewed page-1 fixtures are made from: each built-in template, one banner of a small league. */
import path from 'node:path';
import type { Core } from '../../electron/core/createCore.ts';
import { builtinTemplates } from '../../shared/templates/index.ts';

export const fixturesDir = path.resolve(import.meta.dirname, '../fixtures/export');

export async function bannerOf(core: Core): Promise<number> {
  const city = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
  return (await core.call('org.children', { parentId: city.id, counts: false })).nodes[0]!.id;
}

export async function exportEach(core: Core): Promise<{ id: string; file: string; rows: number }[]> {
  const banner = await bannerOf(core);
  const out: { id: string; file: string; rows: number }[] = [];
  for (const t of builtinTemplates) {
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: `${t.id}.xlsx` });
    const r = await core.call('export.run', { templateId: t.id, scope: { year: 2026, scopeOrgId: banner }, path: file! });
    out.push({ id: t.id, file: r.file, rows: r.rows });
  }
  return out;
}
