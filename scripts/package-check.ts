/**
 * `npm run package:check`: packs the app for every installer target with electron-builder's
 * `--dir` (Linux x64 and arm64, Windows x64), offline, with a stand-in Electron distribution,
 * and checks what each target would install: app.asar holds main, preload, the renderer and
 * the reader's worker; better-sqlite3's binary for that target lies unpacked beside it; the
 * fuses of electron-builder.yml are flipped in the packed executable; on Windows the
 * executable carries the archive's integrity hash. It says in Chinese what it proved and
 * what it cannot prove here. `--no-build` reuses dist/ as it is.
 *
 * The Electron zips cannot be downloaded here, so the stand-in is a folder of zips named as
 * Electron's releases are (electron-v<version>-<platform>-<arch>.zip), holding placeholder
 * files named as Electron's are: the same `electronDist` route README's offline build takes
 * with the real zips. Each placeholder executable carries a fuse wire in Electron's format
 * (sentinel, version, length, Electron's default states), so the check sees whether the
 * build flips it; it is not Electron, and nothing here starts it.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build, Packager, Platform, type Configuration } from 'electron-builder';
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';

const root = path.resolve(import.meta.dirname, '..');
const configFile = path.join(root, 'electron-builder.yml');

export interface PackTarget {
  platform: 'linux' | 'win32';
  arch: 'x64' | 'arm64';
  /** As the check's output names it. */
  label: string;
}

/** The installers the project ships: Windows x64; UOS and Kylin desktops on x64 and arm64. */
export const packTargets: readonly PackTarget[] = [
  { platform: 'linux', arch: 'x64', label: 'Linux x64（统信 UOS、银河麒麟）' },
  { platform: 'linux', arch: 'arm64', label: 'Linux arm64（统信 UOS、银河麒麟）' },
  { platform: 'win32', arch: 'x64', label: 'Windows x64' },
];

/** electron-builder's effective configuration of electron-builder.yml, validated against its schema. */
export async function loadBuilderConfig(): Promise<Configuration> {
  const packager = new Packager({ projectDir: root, config: { extends: configFile } });
  await packager.validateConfig();
  return packager.config;
}

/** Where better-sqlite3 keeps the Node-API binary a target loads (lib/binding.js picks it by platform and arch). */
export function prebuildPath(target: PackTarget): string {
  return path.join(root, 'node_modules', 'better-sqlite3', 'prebuilds', `${target.platform}-${target.arch}.node`);
}

// ── The stand-in Electron distribution ───────────────────────────────────────

// Electron's fuse wire: this sentinel, then version 1, the wire's length, and one byte per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults for the eight fuses @electron/fuses knows (RunAsNode … GrantFileProtocolExtraPrivileges).
const ELECTRON_DEFAULT_FUSES = '10110001';

function fuseWire(): Buffer {
  return Buffer.concat([Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1')]);
}

function placeholder(name: string): Buffer {
  return Buffer.from(`组工台账 package:check 的替身文件（${name}），不是 Electron 的文件。\n`, 'utf8');
}

/** A Windows executable with an English version resource, as electron.exe has (electron-builder edits both). */
function standInExe(): Buffer {
  const exe = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(exe);
  const version = Resource.VersionInfo.create({
    lang: 1033,
    fixedInfo: {},
    strings: [{ lang: 1033, codepage: 1200, values: { ProductName: 'Electron', FileDescription: 'Electron' } }],
  });
  version.outputToResourceEntries(resources.entries);
  resources.outputResource(exe);
  exe.setExtraData(Buffer.concat([placeholder('electron.exe'), fuseWire()]));
  return Buffer.from(exe.generate());
}

interface ZipEntry {
  name: string;
  data: Buffer;
  mode: number;
}

/** The files of Electron's release zip for a platform (names as in electron-v45), as placeholders. */
function standInFiles(platform: PackTarget['platform'], version: string, defaultAppAsar: Buffer): ZipEntry[] {
  const file = (name: string, data: Buffer = placeholder(name), mode = 0o644): ZipEntry => ({ name, data, mode });
  const common = [
    'LICENSE', 'LICENSES.chromium.html', 'chrome_100_percent.pak', 'chrome_200_percent.pak', 'resources.pak', 'icudtl.dat',
    'snapshot_blob.bin', 'v8_context_snapshot.bin', 'vk_swiftshader_icd.json', 'locales/zh-CN.pak', 'locales/en-US.pak',
  ].map((name) => file(name));
  // An archive, not a placeholder: the build hashes every .asar under resources/.
  common.push(file('resources/default_app.asar', defaultAppAsar), file('version', Buffer.from(version)));
  if (platform === 'win32') {
    const dlls = ['ffmpeg.dll', 'd3dcompiler_47.dll', 'libEGL.dll', 'libGLESv2.dll', 'vk_swiftshader.dll', 'vulkan-1.dll', 'dxcompiler.dll', 'dxil.dll'];
    return [file('electron.exe', standInExe()), ...dlls.map((name) => file(name)), ...common];
  }
  const libs = ['libffmpeg.so', 'libEGL.so', 'libGLESv2.so', 'libvk_swiftshader.so', 'libvulkan.so.1'];
  return [
    file('electron', Buffer.concat([placeholder('electron'), fuseWire()]), 0o755),
    file('chrome-sandbox', placeholder('chrome-sandbox'), 0o4755),
    file('chrome_crashpad_handler', placeholder('chrome_crashpad_handler'), 0o755),
    ...libs.map((name) => file(name)),
    ...common,
  ];
}

/** A stored (uncompressed) zip whose entries keep their Unix modes, as Electron's zips do. */
function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlib.crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix: the external attributes hold the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

// ── What a packed target must hold ───────────────────────────────────────────

interface TargetReport {
  target: PackTarget;
  problems: string[];
  proved: string[];
}

const ELF_MACHINE: Record<PackTarget['arch'], number> = { x64: 0x3e, arm64: 0xb7 };
const PE_MACHINE: Record<PackTarget['arch'], number> = { x64: 0x8664, arm64: 0xaa64 };

/** Which platform and architecture a native binary is built for, read from its header. */
export function binaryKind(bin: Buffer): { platform: PackTarget['platform']; arch: PackTarget['arch'] } | null {
  const archOf = (machines: Record<string, number>, m: number) => (Object.keys(machines) as PackTarget['arch'][]).find((a) => machines[a] === m);
  if (bin.length > 20 && bin.readUInt32BE(0) === 0x7f454c46) {
    const arch = archOf(ELF_MACHINE, bin.readUInt16LE(18));
    return arch ? { platform: 'linux', arch } : null;
  }
  if (bin.length > 64 && bin.readUInt16LE(0) === 0x5a4d) {
    const pe = bin.readUInt32LE(0x3c);
    if (pe + 6 > bin.length || bin.readUInt32LE(pe) !== 0x00004550) return null;
    const arch = archOf(PE_MACHINE, bin.readUInt16LE(pe + 4));
    return arch ? { platform: 'win32', arch } : null;
  }
  return null;
}

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/** The fuses every packed executable must have, by electron-builder's `electronFuses` names. */
export const requiredFuses: Record<string, boolean> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};
// @electron/fuses' states: the characters '1' and '0'.
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

const FUSE_KEYS: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

async function checkTarget(target: PackTarget, appOutDir: string, config: Configuration): Promise<TargetReport> {
  const problems: string[] = [];
  const proved: string[] = [];
  const resources = path.join(appOutDir, 'resources');
  const archive = path.join(resources, 'app.asar');
  if (!fs.existsSync(archive)) return { target, problems: [`没有生成 ${archive}`], proved };

  // The app: what main.ts loads (preload, renderer, worker) from beside main.cjs.
  const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
  const header = asar.getRawHeader(archive);
  const unpacked = (file: string) => {
    try {
      return asar.statFile(archive, file).unpacked === true;
    } catch {
      return false;
    }
  };
  const needed = ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/electron/parse-worker.mjs', '/dist/renderer/index.html', '/node_modules/better-sqlite3/lib/index.js'];
  for (const f of needed) if (!files.has(f)) problems.push(`app.asar 里缺少 ${f}`);
  const indexHtml = files.has('/dist/renderer/index.html') ? asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8') : '';
  const assets = [...indexHtml.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `/dist/renderer/${m[1]}`);
  if (assets.length === 0) problems.push('index.html 没有引用 assets/ 下的脚本或样式');
  for (const a of assets) if (!files.has(a)) problems.push(`app.asar 里缺少 index.html 引用的 ${a}`);
  const packageJson = files.has('/package.json') ? (JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main?: string }) : {};
  if (packageJson.main !== 'dist/electron/main.cjs') problems.push(`app.asar 的 package.json 的 main 是 ${packageJson.main ?? '（空）'}，应为 dist/electron/main.cjs`);
  if (!unpacked('dist/electron/parse-worker.mjs') || !fs.existsSync(path.join(resources, 'app.asar.unpacked/dist/electron/parse-worker.mjs'))) {
    problems.push('parse-worker.mjs 没有解包到 app.asar.unpacked（Worker 读不了 asar 里的文件）');
  }
  const strays = [...new Set([...files].map((f) => f.split('/')[1]))].filter((top) => top && !['dist', 'node_modules', 'package.json'].includes(top));
  if (strays.length > 0) problems.push(`app.asar 里有不属于应用的文件：${strays.slice(0, 5).map((t) => `/${t}`).join('、')}${strays.length > 5 ? ` 等 ${strays.length} 项` : ''}`);
  const maps = [...files].filter((f) => f.endsWith('.map'));
  if (maps.length > 0) problems.push(`app.asar 里有 source map：${maps.slice(0, 3).join('、')}`);
  const modules = new Set([...files].filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
  const extra = [...modules].filter((m) => m !== 'better-sqlite3');
  if (extra.length > 0) problems.push(`app.asar 里打进了已被打包进 dist 的依赖：${extra.slice(0, 5).join('、')}${extra.length > 5 ? ` 等 ${extra.length} 个` : ''}`);
  if (problems.length === 0) {
    proved.push(`app.asar（${(fs.statSync(archive).size / 1e6).toFixed(1)} MB）有 main.cjs、preload.cjs、parse-worker.mjs（已解包）、界面 index.html 及其 ${assets.length} 个资源，node_modules 只有 better-sqlite3`);
  }

  // better-sqlite3: this target's binary, unpacked, identical to the package's, and no other.
  const binaryName = `${target.platform}-${target.arch}.node`;
  const inArchive = `node_modules/better-sqlite3/prebuilds/${binaryName}`;
  const onDisk = path.join(resources, 'app.asar.unpacked', inArchive);
  const prebuildsDir = path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds');
  const shipped = fs.existsSync(prebuildsDir) ? fs.readdirSync(prebuildsDir) : [];
  if (!fs.existsSync(onDisk) || !unpacked(inArchive)) {
    problems.push(`better-sqlite3 的 ${binaryName} 不在 app.asar.unpacked 里（应在 resources/app.asar.unpacked/${inArchive}）`);
  } else {
    const bin = fs.readFileSync(onDisk);
    const kind = binaryKind(bin);
    if (kind?.platform !== target.platform || kind.arch !== target.arch) {
      problems.push(`${binaryName} 不是 ${target.platform}-${target.arch} 的二进制（文件头是 ${kind ? `${kind.platform}-${kind.arch}` : '未知格式'}）`);
    } else if (sha256(bin) !== sha256(fs.readFileSync(prebuildPath(target)))) {
      problems.push(`${binaryName} 与 node_modules/better-sqlite3 里的文件不同`);
    } else {
      proved.push(`better-sqlite3 的 ${binaryName} 已解包（${target.platform === 'win32' ? 'PE' : 'ELF'} 文件头为 ${target.platform}-${target.arch}，与 npm 包里的文件逐字节相同）`);
    }
  }
  const others = shipped.filter((f) => f !== binaryName);
  if (others.length > 0) problems.push(`还打进了其他平台的 better-sqlite3 二进制：${others.join('、')}`);

  // The executable: renamed, fuses flipped as configured, and on Windows the integrity resource.
  const exe = path.join(appOutDir, target.platform === 'win32' ? '组工台账.exe' : String(config.linux?.executableName));
  if (!fs.existsSync(exe)) {
    problems.push(`没有可执行文件 ${path.basename(exe)}`);
    return { target, problems, proved };
  }
  // The packed executable must hold the fuses a packaged app needs, whatever the configuration says.
  const wire: Partial<Record<FuseV1Options, number>> = await getCurrentFuseWire(exe).catch(() => ({}));
  const wrongFuses = Object.entries(requiredFuses)
    .filter(([key, value]) => wire[FUSE_KEYS[key] as FuseV1Options] !== (value ? FUSE_ON : FUSE_OFF))
    .map(([key, value]) => `${key} 应为 ${String(value)}`);
  if (wrongFuses.length > 0) problems.push(`可执行文件里的熔丝不对（electron-builder.yml 的 electronFuses）：${wrongFuses.join('；')}`);
  else proved.push(`electron-builder 翻转了可执行文件里的熔丝：${Object.entries(requiredFuses).map(([k, v]) => `${k}=${String(v)}`).join('，')}`);

  if (target.platform === 'win32') {
    const pe = NtExecutable.from(fs.readFileSync(exe));
    const entries = NtExecutableResource.from(pe).entries;
    const integrity = entries.find((e) => e.type === 'INTEGRITY' && e.id === 'ELECTRONASAR');
    const expected = sha256(header.headerString);
    const recorded = integrity ? (JSON.parse(Buffer.from(integrity.bin).toString('utf8')) as { file: string; value: string }[]) : [];
    const appEntry = recorded.find((r) => r.file.toLowerCase() === 'resources\\app.asar');
    if (!appEntry) problems.push('组工台账.exe 没有 app.asar 的完整性资源（INTEGRITY/ELECTRONASAR）');
    else if (appEntry.value !== expected) problems.push('组工台账.exe 记录的 app.asar 头部哈希与实际不符');
    else proved.push('组工台账.exe 内嵌 app.asar 头部的 SHA-256（启动时由 EnableEmbeddedAsarIntegrityValidation 校验）');
    const strings = Resource.VersionInfo.fromEntries(entries)[0];
    const lang = strings?.getAllLanguagesForStringValues()[0];
    const product = strings && lang ? strings.getStringValues(lang).ProductName : undefined;
    if (product !== '组工台账') problems.push(`组工台账.exe 的版本信息产品名是 ${product ?? '（空）'}`);
  }
  return { target, problems, proved };
}

/** Opens a database with the packed better-sqlite3 (its lib from app.asar, its binary unpacked): only where the binary is this machine's. */
function loadPackedSqlite(appOutDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-packed-'));
  try {
    asar.extractAll(path.join(appOutDir, 'resources', 'app.asar'), dir);
    const require = createRequire(path.join(dir, 'package.json'));
    const Database = require('better-sqlite3') as new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void };
    const db = new Database(path.join(dir, 'check.db'));
    const row = db.prepare('select sqlite_version() as v').get() as { v: string };
    db.close();
    return row.v;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ── The run ──────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) {
    console.log('== 构建界面与 Electron 主进程（npm run build）');
    const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('构建失败，未检查安装包。');
      return 1;
    }
  }
  const config = await loadBuilderConfig();
  const electronVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

  const missing = packTargets.filter((t) => !fs.existsSync(prebuildPath(t)));
  for (const t of missing) {
    console.error(`缺少 ${t.label} 的 better-sqlite3 二进制：应在 ${path.relative(root, prebuildPath(t))}（better-sqlite3 的 npm 包自带各平台的 prebuilds/，重新 npm ci 即可；见 README「离线构建安装程序」）`);
  }
  const targets = packTargets.filter((t) => !missing.includes(t));

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-package-check-'));
  const standIn = path.join(work, 'electron-dist');
  const caches = { electron: path.join(work, 'cache-electron'), builder: path.join(work, 'cache-electron-builder') };
  for (const dir of [standIn, caches.electron, caches.builder]) fs.mkdirSync(dir, { recursive: true });
  const defaultApp = path.join(work, 'default_app');
  fs.mkdirSync(defaultApp);
  fs.writeFileSync(path.join(defaultApp, 'package.json'), JSON.stringify({ name: 'default_app', description: '替身' }));
  await asar.createPackage(defaultApp, `${defaultApp}.asar`);
  for (const t of targets) {
    const zip = writeZip(standInFiles(t.platform, electronVersion, fs.readFileSync(`${defaultApp}.asar`)));
    fs.writeFileSync(path.join(standIn, `electron-v${electronVersion}-${t.platform}-${t.arch}.zip`), zip);
  }

  // Nothing may be fetched: empty caches of our own, and every mirror a closed local port.
  // (@electron/get reads no ELECTRON_CACHE; its cache is the config's electronDownload.cache.)
  const closed = 'https://127.0.0.1:9/';
  Object.assign(process.env, {
    ELECTRON_BUILDER_CACHE: caches.builder,
    ELECTRON_MIRROR: closed,
    ELECTRON_BUILDER_BINARIES_MIRROR: closed,
    ELECTRON_BUILDER_BINARIES_DOWNLOAD_OVERRIDE_URL: closed.slice(0, -1),
    HTTPS_PROXY: 'http://127.0.0.1:9',
    HTTP_PROXY: 'http://127.0.0.1:9',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  });
  delete process.env.CSC_LINK;
  delete process.env.WIN_CSC_LINK;

  const output = path.join(work, 'release');
  const platformTargets = new Map<Platform, Map<Arch, string[]>>();
  for (const t of targets) {
    const platform = t.platform === 'win32' ? Platform.WINDOWS : Platform.LINUX;
    const arches = platformTargets.get(platform) ?? new Map<Arch, string[]>();
    arches.set(t.arch === 'x64' ? Arch.x64 : Arch.arm64, ['dir']);
    platformTargets.set(platform, arches);
  }
  console.log(`== electron-builder --dir：${targets.map((t) => t.label).join('；')}（替身 Electron ${electronVersion}，不联网）`);
  const packStarted = Date.now();
  try {
    await build({
      projectDir: root,
      targets: platformTargets,
      publish: 'never',
      config: { extends: configFile, electronDist: standIn, electronVersion, electronDownload: { cache: caches.electron, mirror: closed }, directories: { output } },
    });
  } catch (error) {
    console.error(`electron-builder 打包失败：${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const packSeconds = (Date.now() - packStarted) / 1000;

  const outDir = (t: PackTarget) => path.join(output, t.platform === 'win32' ? 'win-unpacked' : t.arch === 'x64' ? 'linux-unpacked' : `linux-${t.arch}-unpacked`);
  const reports = await Promise.all(targets.map((t) => checkTarget(t, outDir(t), config)));
  const host = targets.find((t) => t.platform === process.platform && t.arch === process.arch);
  if (host) {
    const report = reports.find((r) => r.target === host);
    try {
      const version = loadPackedSqlite(outDir(host));
      report?.proved.push(`本机（${host.platform}-${host.arch}）用打包后的 better-sqlite3（asar 里的 lib + 解包的二进制）打开了数据库，SQLite ${version}`);
    } catch (error) {
      report?.problems.push(`本机加载打包后的 better-sqlite3 失败：${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const fetched = [caches.electron, caches.builder].filter((dir) => fs.readdirSync(dir).length > 0);
  fs.rmSync(work, { recursive: true, force: true });

  console.log('');
  for (const r of reports) {
    console.log(`== ${r.target.label}：${r.problems.length === 0 ? '通过' : '不通过'}`);
    for (const p of r.proved) console.log(`  ✓ ${p}`);
    for (const p of r.problems) console.log(`  ✗ ${p}`);
  }
  if (fetched.length > 0) console.log(`  ✗ 打包时往下载缓存里写了东西：${fetched.join('、')}`);
  else console.log('== 打包没有下载任何东西（Electron 与工具缓存均为空目录，镜像指向关闭的本地端口）');

  const notHere = [
    '真正的 Electron 可执行文件：此处无法下载，替身不是 Electron，应用没有在 Electron 里启动过。',
    '熔丝：替身带有 Electron 格式的熔丝线（默认值），上面证明的是 electron-builder 按 electron-builder.yml 翻转了它；真 Electron 45 的熔丝线由同一步骤翻转，但没有在这里读过。',
    'asar 完整性：Windows 上已验证哈希写进了可执行文件；Linux 版 Electron 不做 asar 完整性校验（该熔丝在 Linux 上无效）。',
    'NSIS 安装程序、deb 与 AppImage 本身没有生成：它们需要的 NSIS、fpm、appimage 工具只能从 GitHub 下载；中文安装界面、仅当前用户安装（无需管理员）、桌面快捷方式、deb 依赖与 .desktop 中文条目由 tests/core/package-config.test.ts 检查配置。',
    `better-sqlite3：${targets.filter((t) => t !== host).map((t) => `${t.platform}-${t.arch}`).join('、')} 的二进制只核对了文件头与来源，没有加载（本机不是该平台）。`,
  ];
  console.log('== 此处未能证明：');
  for (const n of notHere) console.log(`  · ${n}`);
  const failed = missing.length > 0 || fetched.length > 0 || reports.some((r) => r.problems.length > 0);
  console.log(`== ${failed ? '检查不通过' : '检查通过'}（打包 ${packSeconds.toFixed(0)} 秒，共 ${((Date.now() - started) / 1000).toFixed(0)} 秒）`);
  return failed ? 1 : 0;
}

if (import.meta.filename === process.argv[1]) {
  // electron-builder's exit hook ends the process with 0 at beforeExit, whatever exitCode says.
  process.exit(await main());
}
