/**
 * The manual as the help panel shows it: docs/用户手册.md and its pictures (docs/用户手册/图/*.png),
 * both bundled into the app's own files, rendered once per session.
 */
import { renderManual, type RenderedManual } from '../../../shared/manual/render.ts';

// The pictures drawn by the e2e tests, as URLs of files shipped with the app (or data: URLs when small).
const pictureFiles = import.meta.glob<string>('../../../docs/用户手册/图/*.png', { eager: true, query: '?url', import: 'default' });
const pictureByName = new Map(Object.entries(pictureFiles).map(([file, url]) => [file.slice(file.lastIndexOf('/') + 1), url]));

/** The manual writes pictures as 用户手册/图/name.png (relative to docs/): the bundled file of that name. */
export function pictureUrl(src: string): string | null {
  const m = /^(?:\.\/)?用户手册\/图\/([^/]+\.png)$/.exec(src);
  return m ? (pictureByName.get(m[1]!) ?? null) : null;
}

let rendered: Promise<RenderedManual> | null = null;

export function loadManual(): Promise<RenderedManual> {
  rendered ??= import('./manualText.ts').then((m) => renderManual(m.default, pictureUrl));
  return rendered;
}
