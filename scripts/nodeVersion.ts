/**
 * Imported first by the scripts a person starts by hand: under an older Node (Debian's own is
 * 20) better-sqlite3 dies without a word in the core's process, and the window would blame the
 * database. Said plainly instead, before anything else is loaded.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `当前使用的 Node.js 是 v${process.versions.node}，本程序需要 Node.js 24（项目自带，装在 node_modules 里）。` +
      '请用 README 里的 npm 命令启动（如 npm start），或用 node_modules/.bin/node 运行；系统自带的旧版 Node 会让数据库组件崩溃。',
  );
  process.exit(1);
}
