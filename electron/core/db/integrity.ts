/**
 * The integrity check at open (`PRAGMA quick_check`, issue 17), run beside the first answers.
 * It reads every page of the file: at 100,000 branches it was most of a cold start. Reads never
 * change the file, so the window's first answers need not wait for it; writes do (createCore
 * holds every call that may write until it has passed, and the connection refuses a write that
 * comes any other way). It runs in a worker thread on a read-only connection of its own, so
 * the main thread answers meanwhile.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How many of SQLite's lines are read: enough to say how many problems and which pages. */
export const quickCheckLimit = 5;

/**
 * What quick_check said: its lines (['ok'] when it passed), or null when the file could not be
 * checked at all (which is damage too).
 */
export type QuickCheckLines = string[] | null;

// The worker is plain CommonJS given as text: nothing of ours to bundle or unpack beside the
// app, only better-sqlite3, which it requires by the path the core itself resolved.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const SQLite = require(workerData.driver);
  db = new SQLite(workerData.file, { readonly: true, fileMustExist: true });
} catch (e) {
  parentPort.postMessage({ failed: String(e && e.message) });
  return;
}
let lines = null;
try {
  lines = db.prepare('PRAGMA quick_check(' + workerData.limit + ')').all().map((r) => r.quick_check);
} catch {}
try { db.close(); } catch {}
parentPort.postMessage({ lines });
`;

/**
 * Runs quick_check on `file` in a worker thread. Resolves with its lines; rejects when the
 * check could not be run there at all (better-sqlite3 not loadable in a worker, the file not
 * openable read-only): the caller then checks on its own connection, as before.
 */
export function quickCheckInWorker(file: string): Promise<QuickCheckLines> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(`(() => {${workerSource}})()`, { eval: true, workerData: { driver, file, limit: quickCheckLimit } });
    // A core closed before the check ends waits for it (Connection.close); a process that exits does not.
    worker.unref();
    let answered = false;
    worker.once('message', (m: { lines?: QuickCheckLines; failed?: string }) => {
      answered = true;
      if (m.failed !== undefined) reject(new Error(m.failed));
      else resolve(m.lines ?? null);
    });
    worker.once('error', (e) => {
      if (!answered) reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`quick_check worker exited (${code})`));
    });
  });
}

/** What quick_check's lines say, in Chinese; null when it passed. SQLite's own lines are English and name b-tree pages. */
export function describeQuickCheck(lines: QuickCheckLines): string | null {
  if (lines === null) return '数据库文件已损坏：文件的结构无法读取，完整性检查无法进行。';
  if (lines.length === 1 && lines[0] === 'ok') return null;
  const pages = [...new Set(lines.flatMap((l) => [...l.matchAll(/page (\d+)/gi)].map((m) => m[1]!)))].slice(0, 3);
  const count = lines.length >= quickCheckLimit ? `至少 ${quickCheckLimit} 处` : `${lines.length} 处`;
  return `数据库文件已损坏：完整性检查（quick_check）发现 ${count}错误${pages.length ? `，涉及第 ${pages.join('、')} 页` : ''}。`;
}
