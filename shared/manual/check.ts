/**
 * The manual's checks that need no browser (issue 20): each page marker names a page of the app,
 * each picture the manual shows exists and is drawn by a test, and no picture lies unused in
 * docs/用户手册/图/. Given the facts (gathered from the files by scripts/manual-check.ts), it answers
 * with one Chinese sentence per problem, naming the section and the item.
 */
import { manualPicturePrefix, manualPlace, type Manual } from './parse.ts';

export interface ManualFacts {
  /** The keys of renderer/src/nav.ts. */
  pageKeys: readonly string[];
  /** The files in docs/用户手册/图/, by file name (`a-grid.png`). */
  pictureFiles: readonly string[];
  /** The names of manualPicture(…, 'name') calls in tests/e2e. */
  drawnPictures: readonly string[];
}

export interface ManualCheckOptions {
  /** Whether a picture's file must exist (false before the pictures are drawn, in `npm run manual`). */
  files: boolean;
}

export function checkManual(manual: Manual, facts: ManualFacts, options: ManualCheckOptions = { files: true }): string[] {
  const messages = manual.problems.map((p) => `${manualPlace(p.section, p.line)}：${p.message}`);
  const drawn = new Set(facts.drawnPictures);
  const files = new Set(facts.pictureFiles);
  const used = new Set<string>();
  for (const section of manual.sections) {
    const own = section.ownPage;
    if (own && !facts.pageKeys.includes(own.key)) {
      messages.push(`${manualPlace(section.title, own.line)}：页面标记 <!-- page: ${own.key} --> 不是应用里的页面（页面键只有 ${facts.pageKeys.join('、')}，见 renderer/src/nav.ts）`);
    }
    for (const picture of section.pictures) {
      const file = `${picture.name}.png`;
      used.add(file);
      if (!drawn.has(picture.name)) {
        messages.push(`${manualPlace(section.title, picture.line)}：图片 ${manualPicturePrefix}${file} 没有测试画它（tests/e2e 里没有 manualPicture(…, '${picture.name}')）`);
      } else if (options.files && !files.has(file)) {
        messages.push(`${manualPlace(section.title, picture.line)}：图片 ${manualPicturePrefix}${file} 不存在（运行 npm run manual 由测试画出）`);
      }
    }
  }
  if (options.files) {
    for (const file of [...files].sort()) {
      if (used.has(file)) continue;
      messages.push(
        file.endsWith('.png')
          ? `docs/${manualPicturePrefix}${file}：手册已不再引用这张图片（删除它，或在手册里用 ![说明](${manualPicturePrefix}${file}) 引用）`
          : `docs/${manualPicturePrefix}${file}：这里只放测试画的 .png 图片`,
      );
    }
  }
  return messages;
}
