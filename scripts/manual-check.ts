/**
 * The facts the manual's checks need, read from the files (shared/manual/check.ts judges them):
 * the pages of renderer/src/nav.ts, the files in docs/用户手册/图/, and the pictures tests/e2e draws,
 * found as manualPicture(…, 'name') calls by TypeScript's own parser (a name computed at run time
 * cannot be found: a picture's name is written as a literal). Used by `npm run manual` and by
 * tests/core/manual.test.ts, so `npm test` and CI fail on a missing picture too.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { navItems } from '../renderer/src/nav.ts';
import { checkManual, type ManualCheckOptions, type ManualFacts } from '../shared/manual/check.ts';
import { parseManual, type Manual } from '../shared/manual/parse.ts';

export const root = path.resolve(import.meta.dirname, '..');

export interface ManualPlaces {
  /** docs/用户手册.md */
  manual: string;
  /** docs/用户手册/图 */
  pictures: string;
  /** tests/e2e */
  tests: string;
}

export const realPlaces: ManualPlaces = {
  manual: path.join(root, 'docs', '用户手册.md'),
  pictures: path.join(root, 'docs', '用户手册', '图'),
  tests: path.join(root, 'tests', 'e2e'),
};

export interface PictureCall {
  name: string;
  file: string;
}

/** Every manualPicture(…, 'literal') in the .ts files under `dir`, with the file that makes it. */
export function pictureCalls(dir: string): PictureCall[] {
  const calls: PictureCall[] = [];
  if (!fs.existsSync(dir)) return calls;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('manualPicture')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'manualPicture') {
        const name = node.arguments[1];
        if (name && (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))) calls.push({ name: name.text, file });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

export function manualFacts(places: ManualPlaces): ManualFacts {
  return {
    pageKeys: navItems.map((n) => n.key),
    pictureFiles: fs.existsSync(places.pictures) ? fs.readdirSync(places.pictures) : [],
    drawnPictures: pictureCalls(places.tests).map((c) => c.name),
  };
}

export function readManual(places: ManualPlaces): Manual {
  return parseManual(fs.readFileSync(places.manual, 'utf8'));
}

/** The problems of the manual at `places`, one Chinese sentence each (empty: all good). */
export function checkManualFiles(places: ManualPlaces = realPlaces, options?: ManualCheckOptions): string[] {
  return checkManual(readManual(places), manualFacts(places), options);
}
