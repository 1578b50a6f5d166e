/**
 * npm run manual: the user manual's pictures, checks and PDF in one command (issue 20;
 * docs/manual-build.md). In order, stopping at the first failure with a Chinese message:
 *   1. the manual read and checked without a browser (page markers, picture names, drawn by a test);
 *   2. the UI built (vite), so the pictures show the code as it is;
 *   3. the e2e tests that draw pictures (every tests/e2e file calling manualPicture), then
 *      tests/e2e/manual-names.test.ts (every 【名称】 on the rendered UI), in one vitest run;
 *   4. the pictures checked (each one shown exists, none lies unused);
 *   5. docs/用户手册.pdf printed by Chromium, read back with pdftotext and checked; its first
 *      pages and its first picture page rendered to artifacts/manual-pdf/ to look at.
 * `--pdf-only` does only 1, 4 and 5 (the pictures as they are).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkManualFiles, pictureCalls, readManual, realPlaces, root } from './manual-check.ts';
import { buildManualPdf, checkManualPdf } from './manual-pdf.ts';

const pdfOut = path.join(root, 'docs', '用户手册.pdf');
const artifacts = path.join(root, 'artifacts', 'manual-pdf');
const pdfOnly = process.argv.includes('--pdf-only');
const started = Date.now();
const took: string[] = [];

function fail(title: string, lines: string[]): never {
  console.error(`\n手册构建失败：${title}`);
  for (const l of lines) console.error(`  - ${l}`);
  process.exit(1);
}

async function step<T>(title: string, run: () => T | Promise<T>): Promise<T> {
  console.log(`== ${title}`);
  const t0 = Date.now();
  const result = await run();
  took.push(`${title} ${((Date.now() - t0) / 1000).toFixed(1)} 秒`);
  return result;
}

function npmBin(name: string): string {
  return path.join(root, 'node_modules', '.bin', name);
}

await step('检查手册', () => {
  const problems = checkManualFiles(realPlaces, { files: false });
  if (problems.length) fail('手册有以下问题', problems);
});

if (!pdfOnly) {
  await step('构建界面', () => {
    const r = spawnSync(npmBin('vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) fail('界面构建失败（见上面 vite 的输出）', []);
  });

  await step('画图并检查界面名称', () => {
    const drawing = [...new Set(pictureCalls(realPlaces.tests).map((c) => path.relative(root, c.file)))].sort();
    const files = [...drawing, path.join('tests', 'e2e', 'manual-names.test.ts')];
    console.log(`   ${files.join('\n   ')}`);
    const r = spawnSync(npmBin('vitest'), ['run', '--project', 'e2e', ...files], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) fail('画图或界面名称的端到端测试没有通过（见上面 vitest 的输出：找不到的界面名称按节列出）', files);
  });
}

await step('检查图片', () => {
  const problems = checkManualFiles(realPlaces);
  if (problems.length) fail('手册的图片有以下问题', problems);
});

const pdf = await step('生成 PDF', () => buildManualPdf(fs.readFileSync(realPlaces.manual, 'utf8'), path.dirname(realPlaces.manual), pdfOut, artifacts));

await step('检查 PDF', () => {
  const problems = checkManualPdf(pdf);
  if (problems.length) fail('生成的 PDF 不对', problems);
  // Pages to look at: the title, the contents, and the first page with a picture.
  const manual = readManual(realPlaces);
  const withPicture = manual.sections.find((s) => s.pictures.length > 0);
  const pictured = withPicture ? pdf.contents.find((c) => c.title === withPicture.title.replace(/[【】]/g, ''))?.page : undefined;
  fs.mkdirSync(artifacts, { recursive: true });
  for (const p of new Set([1, 2, ...(pictured ? [pictured] : [])])) {
    if (p > pdf.pages) continue;
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(p), '-l', String(p), '-singlefile', pdfOut, path.join(artifacts, `第${p}页`)]);
    } catch {
      console.log('   （没有 pdftoppm，不生成页面预览；apt-get install -y poppler-utils）');
      break;
    }
  }
});

console.log(`\n手册已生成：${path.relative(root, pdfOut)}（${pdf.pages} 页）；页面预览在 ${path.relative(root, artifacts)}/`);
console.log(`用时：${took.join('，')}；共 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
