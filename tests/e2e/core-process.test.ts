/**
 * `npm start` without Electron, as a person runs it: scripts/harness.ts serves the page while the
 * core runs in a Node child process of its own. Chromium opens the printed address and reads the
 * ledger through it; the core's process is then killed: the harness starts a new one and the page,
 * reloaded, works on (the page's calls under way are answered with a Chinese error, not left
 * hanging: tests/core/core-process.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { artifactsDir, launchChromium, rendererDir, root } from '../helpers/browser.ts';
import { seededCore } from '../helpers/core.ts';

let harness: ChildProcess | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  harness?.kill('SIGINT');
});

/**
 * The core's processes among those `pid` started: its children run core-host/child.ts. (tsx
 * starts an esbuild service beside it: killing that one instead made this test fail at random.)
 */
const coresOf = (pid: number): number[] =>
  // Read from /proc rather than `ps`, which a minimal Debian has not installed.
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // The parent's pid is the second field after the command name in parentheses (which may hold spaces).
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('core-host/child');
      } catch {
        return false; // a process that ended while being read
      }
    })
    .map(Number);

it('serves the page from a core in its own process, and starts a new one when it dies', async () => {
  rendererDir();
  const { core, dbPath } = await seededCore('small');
  await core.close();
  harness = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/harness.ts'), '--db', dbPath], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  harness.stdout!.on('data', (b: Buffer) => (said += b.toString()));
  harness.stderr!.on('data', (b: Buffer) => (said += b.toString()));
  // What the harness said goes with a failure: a slow start and a failed one look alike otherwise.
  const hear = async (what: RegExp, timeout: number) => {
    try {
      await expect.poll(() => said, { timeout }).toMatch(what);
    } catch (e) {
      throw new Error(`${(e as Error).message}\nthe harness said:\n${said}`);
    }
  };
  await hear(/请在浏览器中打开：http/, 90_000);
  const url = /请在浏览器中打开：(\S+)/.exec(said)![1]!;

  // The core is not in the process that serves the page: that one has a child, the core.
  const [corePid] = coresOf(harness.pid!);
  expect(corePid).toBeTypeOf('number');

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const openLedger = async () => {
    await page.goto(url);
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行/ }).filter({ hasNotText: '正在读取' }).waitFor();
    return page.getByTestId('row-count').innerText();
  };
  const rows = await openLedger();
  expect(rows).toMatch(/^共 [\d,]+ 行/);

  process.kill(corePid!, 'SIGKILL');
  await hear(/数据处理进程已重新启动。/, 60_000);
  expect(said).toContain('数据处理进程意外退出（被系统信号 SIGKILL 结束），正在重新启动……');
  const [newPid] = coresOf(harness.pid!);
  expect(newPid).not.toBe(corePid);
  await page.reload();
  await expect(openLedger()).resolves.toBe(rows);
  await page.screenshot({ path: path.join(artifactsDir, 'core-process-restarted.png') });
}, 180_000);
