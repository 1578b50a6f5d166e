/**
 * Paths the core may write to or read from: only those a person chose in a dialog
 * (or gave on the command line). The contract's shell.* methods ask the host's
 * dialogs and grant what comes back; export and import check their path here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';
import type { ShellHost } from './config.ts';

export class Grants {
  private files = new Set<string>();
  private folders = new Set<string>();

  file(p: string): string {
    this.files.add(path.resolve(p));
    return p;
  }

  folder(p: string): string {
    this.folders.add(path.resolve(p));
    return p;
  }

  /** A file chosen as it is, or one inside a chosen folder. */
  check(p: string, what = '文件'): string {
    const abs = path.resolve(p);
    if (this.files.has(abs) || this.folders.has(abs) || [...this.folders].some((f) => abs.startsWith(f + path.sep))) return abs;
    throw new AppError('INVALID_ARGS', `没有选择过这个${what}位置，请通过“选择位置”对话框重新选择。`, { path: p });
  }
}

/**
 * The shell of the browser harness and of tests: no dialogs, files go to a folder of
 * their own beside the database (`exports/`), numbered rather than overwritten.
 */
export function folderShell(dir: string, openFile: () => string | null = () => null): ShellHost {
  const free = (name: string) => {
    fs.mkdirSync(dir, { recursive: true });
    const ext = path.extname(name);
    const base = name.slice(0, name.length - ext.length);
    let candidate = path.join(dir, name);
    for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(dir, `${base}（${i}）${ext}`);
    return candidate;
  };
  return {
    chooseSaveFile: async (name) => free(name),
    chooseFolder: async (name) => {
      const folder = free(name);
      fs.mkdirSync(folder, { recursive: true });
      return folder;
    },
    chooseOpenFile: async () => openFile(),
    openPath: async () => false,
  };
}
