/**
 * The floor of `coldStart.vsBareNode` (bench/coldstart.ts): a bare Node process that loads
 * better-sqlite3, opens the same database file and answers one query (its schema version),
 * then prints the time since the process started, as bench/coldstart-child.ts does for the core.
 * With `--quick-check` it checks the file first, as the core does on opening it.
 * Plain JavaScript, run by `node` itself: nothing of ours, no loader.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SQLite = require('better-sqlite3');
const db = new SQLite(process.argv[2], { fileMustExist: true });
// With --quick-check, also the integrity check the core makes before it writes (db/connection.ts).
if (process.argv[3] === '--quick-check' && db.pragma('quick_check', { simple: true }) !== 'ok') process.exitCode = 1;
const version = db.pragma('user_version', { simple: true });
const ready = performance.now();
db.close();
if (typeof version !== 'number') process.exitCode = 1;
process.stdout.write(String(ready));
