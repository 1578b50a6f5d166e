/**
 * A name a page suggests for a file or folder, reduced to one plain file name: pages
 * never choose where files go. Pure (no Node): the core's handlers, the harness's
 * folder shell and the Electron dialogs (electron/main) all reduce with this one rule.
 */

// Control characters (NUL included), and the invisible marks that can turn "gpj.xlsx" into "xlsx.jpg" on screen.
const INVISIBLE = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Separators and what Windows refuses in a name.
const FORBIDDEN = /[\\/:*?"<>|]/g;
// Leading dots make "..", "." and hidden files; Windows drops trailing dots and spaces (so "a." would be "a").
const EDGES = /^[\s.]+|[\s.]+$/g;
// Device names Windows opens instead of a file, with any extension ("NUL.xlsx" is the device NUL).
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// A name is at most 255 bytes on most file systems; keep room for "（12）" and ".part".
const MAX_BYTES = 200;

const bytes = (s: string) => new TextEncoder().encode(s).length;

export function plainFileName(suggested: string, fallback = '未命名'): string {
  let name = suggested.replace(INVISIBLE, '_').replace(FORBIDDEN, '_').replace(EDGES, '');
  if (RESERVED.test(name.split('.')[0]!.trimEnd())) name = `_${name}`;
  if (bytes(name) > MAX_BYTES) {
    const ext = /\.[^.\s]{1,10}$/.exec(name)?.[0] ?? '';
    let stem = '';
    // By code points: a cut never splits a character.
    for (const ch of name.slice(0, name.length - ext.length)) {
      if (bytes(stem + ch) + bytes(ext) > MAX_BYTES) break;
      stem += ch;
    }
    stem = stem.replace(EDGES, '');
    name = stem ? stem + ext : '';
  }
  return name || fallback;
}

/**
 * A unit's own file in a send-down: “附件1 ” first, as a single export's file and the notice
 * name the table (staff file them by it); then the unit's name, so the files sort and read by
 * unit, unless the title already names it ("附件1 桥头镇2026年…", never "附件1 桥头镇-桥头镇2026年…").
 */
export function unitFileName(attachment: number, unit: string, title: string, ext: string): string {
  const t = title.trim();
  return `附件${attachment} ${unit && t.includes(unit) ? t : `${unit}-${t}`}.${ext}`;
}
