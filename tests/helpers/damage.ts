import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { expect } from 'vitest';

/**
 * Overwrites the middle of a leaf page of branch_ledger's b-tree in the closed file: the
 * cell pointers and cells go to garbage, as a failing disk sector would leave them.
 */
export function damageLedgerPage(file: string): number {
  const db = new SQLite(file);
  db.pragma('journal_mode = DELETE'); // everything in the main file, no WAL beside it
  const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'branch_ledger' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(leaves.length).toBeGreaterThan(4);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize - 200, 0xa5), 0, pageSize - 200, (page - 1) * pageSize + 100);
  fs.closeSync(fd);
  return page;
}
