/**
 * The installers' settings, as electron-builder reads electron-builder.yml (its own loader and
 * schema): what `npm run package:check` cannot build here (NSIS, deb, AppImage need tools it
 * cannot download) is held by these assertions; what it packs is checked by the script.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, test } from 'vitest';
import { binaryKind, loadBuilderConfig, packTargets, prebuildPath } from '../../scripts/package-check.ts';

const root = path.resolve(import.meta.dirname, '../..');
let config: Configuration;

beforeAll(async () => {
  config = await loadBuilderConfig();
});

/** A platform's targets as { target, arches }, whichever of electron-builder's shapes the file uses. */
function targetsOf(target: unknown): { target: string; arch: string[] }[] {
  const list = Array.isArray(target) ? target : target == null ? [] : [target];
  return list.map((t: string | TargetConfiguration) =>
    typeof t === 'string' ? { target: t, arch: [] } : { target: t.target, arch: t.arch == null ? [] : Array.isArray(t.arch) ? t.arch : [t.arch] },
  );
}

/** The `files` patterns of a platform with `${arch}` as electron-builder expands it. */
function filesFor(platform: 'win' | 'linux', arch: string): string[] {
  const files = config[platform]?.files ?? config.files;
  const list = Array.isArray(files) ? files : [files];
  return list.filter((f): f is string => typeof f === 'string').map((f) => f.replaceAll('${arch}', arch));
}

/** Whether electron-builder's node_modules copier keeps a file: it applies only the negated patterns. */
function keptInNodeModules(file: string, patterns: string[]): boolean {
  return !patterns.filter((p) => p.startsWith('!')).some((p) => path.matchesGlob(file, p.slice(1)));
}

describe('Windows installer', () => {
  test('is an x64 NSIS installer in Chinese', () => {
    expect(targetsOf(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis?.installerLanguages).toEqual(['zh_CN']);
    expect(config.nsis?.language).toBe('2052');
    expect(config.nsis?.unicode).not.toBe(false);
  });

  test('installs for the current user only, never asking for administrator rights', () => {
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.nsis?.allowElevation).toBe(false);
    expect(config.nsis?.packElevateHelper).toBe(false);
    // An assisted installer would offer "all users"; the included script forces the current user.
    if (config.nsis?.oneClick === false) {
      const include = fs.readFileSync(path.join(root, String(config.nsis.include)), 'utf8');
      expect(include).toMatch(/!macro customInstallMode\s+StrCpy \$isForceCurrentInstall "1"\s+!macroend/);
    }
  });

  test('puts 组工台账 on the desktop and in the start menu, and keeps the records when uninstalled', () => {
    expect(config.nsis?.shortcutName).toBe('组工台账');
    expect([true, 'always']).toContain(config.nsis?.createDesktopShortcut);
    expect(config.nsis?.createStartMenuShortcut).not.toBe(false);
    expect(config.nsis?.deleteAppDataOnUninstall).not.toBe(true);
  });
});

describe('Linux packages for UOS and Kylin', () => {
  test('are AppImage and deb, each for x64 and arm64, in the Office category', () => {
    const targets = targetsOf(config.linux?.target);
    for (const kind of ['AppImage', 'deb']) {
      expect(targets.find((t) => t.target === kind)?.arch.sort()).toEqual(['arm64', 'x64']);
    }
    expect(config.linux?.category).toBe('Office');
  });

  test('have a desktop entry in Chinese', () => {
    const entry = config.linux?.desktop?.entry ?? {};
    expect(entry['Name[zh_CN]']).toBe('组工台账');
    expect(entry['Comment[zh_CN]']).toMatch(/台账/);
  });

  test('the deb depends on what Electron needs on a Debian-based desktop', () => {
    const depends = config.deb?.depends ?? [];
    for (const lib of ['libgtk-3-0', 'libnss3', 'libgbm1', 'libxss1', 'libsecret-1-0']) expect(depends).toContain(lib);
    expect(depends.some((d) => d.startsWith('libasound2'))).toBe(true);
  });
});

describe('the packaged app', () => {
  test('has the fuses of a packaged app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  test('downloads nothing: no rebuild of native modules, no update server', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.publish ?? null).toBeNull();
  });

  test.each(packTargets)('$label: ships only its own better-sqlite3 binary, unpacked from the archive', (target) => {
    const patterns = filesFor(target.platform === 'win32' ? 'win' : 'linux', target.arch);
    const own = `node_modules/better-sqlite3/prebuilds/${target.platform}-${target.arch}.node`;
    expect(keptInNodeModules(own, patterns)).toBe(true);
    expect(config.asarUnpack).toSatisfy((unpack: string[]) => unpack.some((p) => path.matchesGlob(own, p)));
    const others = fs.readdirSync(path.dirname(prebuildPath(target))).filter((f) => f !== path.basename(own));
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(keptInNodeModules(`node_modules/better-sqlite3/prebuilds/${other}`, patterns), other).toBe(false);
    expect(keptInNodeModules('node_modules/better-sqlite3/lib/index.js', patterns)).toBe(true);
    expect(keptInNodeModules('node_modules/antd/package.json', patterns)).toBe(false);
    expect(keptInNodeModules('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', patterns)).toBe(false);
  });

  test.each(packTargets)('$label: its better-sqlite3 binary is at hand offline, built for it', (target) => {
    // better-sqlite3 13's npm package carries every target's Node-API binary: npm ci fetches them all.
    const kind = binaryKind(fs.readFileSync(prebuildPath(target)));
    expect(kind).toEqual({ platform: target.platform, arch: target.arch });
  });
});
