import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The manual's names check runs after every other file of the run: a 【名称】 seen only in a picture's
 * record is accepted when that picture was drawn in this run (tests/helpers/manualNames.ts), so the
 * pictures' tests must have run before it.
 */
class ManualNamesLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => f.moduleId.endsWith('manual-names.test.ts');
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}
const runStartedAt = Date.now();

// unit: pure shared code; core: the real core on real SQLite files (and killed mid-operation: tests/crash); e2e: Chromium;
// shell: electron/main and electron/preload in Node, `electron` resolved to a stand-in (tests/shell).
export default defineConfig({
  test: {
    sequence: { sequencer: ManualNamesLast },
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'core', include: ['tests/core/**/*.test.ts', 'tests/crash/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 } },
      {
        resolve: { alias: [{ find: /^electron$/, replacement: path.resolve(import.meta.dirname, 'tests/shell/electron-stand-in.ts') }] },
        test: {
          name: 'shell', include: ['tests/shell/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000,
          // The core's own process answers within a poll's default second only on a quiet machine (main.test failed beside a full run).
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A poll's default second is too short for Chromium and the core sharing two busy cores
          // (CI failed a fill of four cells whose answer had not arrived within it).
          expect: { poll: { timeout: 10_000 } },
          provide: { manualRunStartedAt: runStartedAt },
        },
      },
    ],
  },
});
