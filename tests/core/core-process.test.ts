/**
 * The core in a process of its own (issue 17, item 5), end to end with real processes: the
 * bundled core.cjs as build-electron bundles it, started (1) by the browser harness's
 * child_process.fork behind the real HTTP harness, and (2) by electron/main's utilityProcess code
 * against a stand-in `electron` (tests/core-host/) whose fork is a real Node process.
 * Each: a call, concurrent calls, an event, a dialog asked of the parent and answered, the reader's
 * worker from the bundle, the process killed mid-call → a Chinese error at once (not a hang) and
 * a restart, and a clean close that leaves SQLite closed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleLikeMain } from '../../scripts/build-electron.ts';
import { startHarness } from '../../electron/core/http/harness.ts';
import type { ShellHost } from '../../electron/core/config.ts';
import { CoreClient } from '../../electron/core-host/client.ts';
import { nodeCore } from '../../electron/core-host/nodeChild.ts';
import type { CoreExit } from '../../electron/core-host/protocol.ts';
import type { Envelope } from '../../shared/contract/errors.ts';
import { unpack } from '../../shared/contract/packing.ts';
import { utilityCore } from '../../electron/main/coreProcess.ts';
import { seededCore, tempDir } from '../helpers/core.ts';

/** A child process answers within vi.waitFor's default second only on a quiet machine (failed beside a full run). */
const waitLong = { timeout: 15_000 };

vi.mock('electron', () => import('../core-host/electron.ts'));

const root = path.resolve(import.meta.dirname, '../..');

/** The parent's dialogs: each call recorded; the open dialog waits until the test answers it. */
function recordingShell(dir: string) {
  const asked: string[] = [];
  let answerOpen: (p: string | null) => void = () => undefined;
  const shell: ShellHost = {
    chooseSaveFile: async (name) => {
      asked.push(`save:${name}`);
      return path.join(dir, `父进程选的-${name}`);
    },
    chooseFolder: async (name) => path.join(dir, name),
    chooseOpenFile: () => {
      asked.push('open');
      return new Promise((resolve) => (answerOpen = resolve));
    },
    openPath: async () => false,
  };
  return { shell, asked, answerOpen: (p: string | null) => answerOpen(p) };
}

let bundle: string;
let bundleDir: string;

beforeAll(async () => {
  bundleDir = tempDir();
  bundle = await bundleLikeMain(path.join(root, 'electron/core-host/child.ts'), bundleDir);
}, 60_000);

async function seededFile(): Promise<{ dir: string; dbPath: string }> {
  const { core, dir, dbPath } = await seededCore('small');
  await core.close();
  return { dir, dbPath };
}

/** What every arrangement must do, given a started client and a way to call it as its window does. */
async function exerciseCore(client: CoreClient, call: (method: string, args: unknown) => Promise<Envelope<unknown>>, dir: string, dialogs: ReturnType<typeof recordingShell>) {
  const expectOk = (e: Envelope<unknown>) => {
    if (!e.ok) throw new Error(e.error.message);
    return e.value as Record<string, unknown>;
  };
  // The core lives in another process.
  expect(client.pid).toBeTypeOf('number');
  expect(client.pid).not.toBe(process.pid);

  // Concurrent calls, each answered with its own result.
  const [info, tree, refused] = await Promise.all([call('app.info', {}), call('ledger.list', { year: 2026 }), call('export.run', { templateId: 'branch-ledger' })]);
  expect(expectOk(info).schemaVersion).toBeGreaterThan(0);
  expect((expectOk(tree).rows as unknown[]).length).toBeGreaterThan(100);
  expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });

  // A dialog: the core asks the parent, which answers with the place the person chose.
  const chosen = expectOk(await call('shell.chooseSaveFile', { suggestedName: '台账.xlsx' }));
  expect(dialogs.asked).toContain('save:台账.xlsx');
  expect(chosen.path).toBe(path.join(dir, '父进程选的-台账.xlsx'));
  // …and the core may write there now, reporting its progress as events.
  const written = expectOk(await call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: chosen.path }));
  expect(written.rows).toBeGreaterThan(100);
  expect(fs.statSync(chosen.path as string).size).toBeGreaterThan(10_000);

  // The reader's worker (a legacy .xls goes to it) resolves from beside the bundle.
  const opening = call('shell.chooseOpenFile', {});
  await vi.waitFor(() => expect(dialogs.asked).toContain('open'), waitLong);
  dialogs.answerOpen(path.join(root, 'tests/fixtures/import/returned-libreoffice.xls'));
  const file = expectOk(await opening).path as string;
  const preview = expectOk(await call('import.open', { path: file }));
  expect(preview.recognisedBy).toBe('manifest');
}

/** Killed while a call waits on it (a dialog it asked for): that call and the next are told in Chinese, at once. */
async function killMidCall(client: CoreClient, call: (method: string, args: unknown) => Promise<Envelope<unknown>>, dialogs: ReturnType<typeof recordingShell>, exits: CoreExit[]) {
  const asked = dialogs.asked.length;
  const waiting = call('shell.chooseOpenFile', {});
  await vi.waitFor(() => expect(dialogs.asked.length).toBe(asked + 1), waitLong);
  process.kill(client.pid!, 'SIGKILL');
  const told = await waiting;
  expect(told).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(!told.ok && told.error.message).toMatch(/^数据处理进程意外退出（.+）：“选择文件”没有完成，未完成的修改不会留下一半。请重新启动后再试。$/);
  await vi.waitFor(() => expect(exits).toHaveLength(1), waitLong);
  const next = await call('app.info', {});
  expect(!next.ok && next.error.message).toMatch(/^数据处理进程意外退出（.+），请重新启动：“读取程序信息”没有执行。$/);
}

/**
 * A clean close: a call waiting on a dialog is told the app is quitting (the close does not wait for a
 * window that is going away); the core process ends having closed SQLite (the last connection's
 * close removes the WAL file).
 */
async function closeCleanly(client: CoreClient, dbPath: string, exits: CoreExit[], dialogs: ReturnType<typeof recordingShell>) {
  expect(fs.existsSync(`${dbPath}-wal`)).toBe(true);
  const asked = dialogs.asked.length;
  const waiting = client.invoke('shell.chooseOpenFile', {});
  await vi.waitFor(() => expect(dialogs.asked.length).toBe(asked + 1), waitLong);
  await client.close();
  expect(await waiting).toEqual({ ok: false, error: { code: 'CONFLICT', message: '程序正在退出，对话框已关闭，这项操作没有执行。' } });
  expect(client.pid).toBeUndefined();
  expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
  expect(exits).toHaveLength(1); // the kill, not the close
  const after = await client.invoke('app.info', {});
  expect(!after.ok && after.error.message).toBe('程序正在退出：“读取程序信息”没有执行。');
}

describe('the browser harness: the core forked as a Node child process', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('serves calls, events and dialogs over HTTP, tells the page when the core dies, restarts it, and closes it cleanly', async () => {
    const { dir, dbPath } = await seededFile();
    const dialogs = recordingShell(dir);
    const client = new CoreClient(nodeCore(bundle, { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } }), { dbPath, host: 'http' }, dialogs.shell);
    const exits: CoreExit[] = [];
    client.onExit((e) => exits.push(e));
    await client.start();
    cleanup.push(() => client.close());
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    const harness = await startHarness(client, { staticDir });
    cleanup.push(() => harness.close());

    const call = async (method: string, args: unknown) => {
      const r = await fetch(`${harness.origin}/api/invoke`, { method: 'POST', headers: { authorization: `Bearer ${harness.token}` }, body: JSON.stringify({ method, args }) });
      // Long lists cross HTTP packed, as the page's client unpacks them.
      return unpack(await r.json()) as Envelope<unknown>;
    };
    // The page's event stream: what the core in the child emits arrives here.
    const events: string[] = [];
    const stream = await fetch(`${harness.origin}/api/events?token=${harness.token}`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      for (let r = await reader.read(); !r.done; r = await reader.read()) events.push(r.value);
    })().catch(() => undefined);
    cleanup.push(() => reader.cancel());

    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { host: 'http', dbPath } });
    await exerciseCore(client, call, dir, dialogs);
    await vi.waitFor(() => expect(events.join('')).toMatch(/event: progress\ndata: \{"task":"export"/), waitLong);

    await killMidCall(client, call, dialogs, exits);
    expect(exits[0]).toEqual({ code: null, signal: 'SIGKILL' });
    // Started again, the same client serves the page.
    await client.start();
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { host: 'http' } });
    await closeCleanly(client, dbPath, exits, dialogs);
  }, 90_000);
});

describe('Electron: the core in a utilityProcess behind a MessagePort (stand-in electron, real child process)', () => {
  it('serves calls, events and dialogs, tells the window when the core dies, restarts it, and closes it cleanly', async () => {
    const { dir, dbPath } = await seededFile();
    const dialogs = recordingShell(dir);
    const client = new CoreClient(utilityCore(bundle), { dbPath, host: 'electron', readerWorker: path.join(bundleDir, 'parse-worker.mjs') }, dialogs.shell);
    const exits: CoreExit[] = [];
    client.onExit((e) => exits.push(e));
    await client.start();
    const events: unknown[] = [];
    client.on('progress', (p) => events.push(p));

    expect(await client.invoke('app.info', {})).toMatchObject({ ok: true, value: { host: 'electron', dbPath } });
    await exerciseCore(client, (m, a) => client.invoke(m, a), dir, dialogs);
    expect(events).toContainEqual(expect.objectContaining({ task: 'export' }));

    await killMidCall(client, (m, a) => client.invoke(m, a), dialogs, exits);
    expect(exits[0]).toEqual({ code: 137 });
    await client.start();
    expect(await client.invoke('app.info', {})).toMatchObject({ ok: true, value: { host: 'electron' } });
    await closeCleanly(client, dbPath, exits, dialogs);
  }, 90_000);

  it('says in Chinese why the database did not open, and leaves no process behind', async () => {
    const dir = tempDir();
    const client = new CoreClient(utilityCore(bundle), { dbPath: path.join(dir, '没有这个文件.db'), mustExist: true }, recordingShell(dir).shell);
    const refused = await client.start().then(() => null, (e: Error) => e);
    expect(refused?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(refused?.message).toContain('没有这个文件.db');
    await vi.waitFor(() => expect(client.pid).toBeUndefined(), waitLong);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);
});
