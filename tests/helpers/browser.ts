import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const root = path.resolve(import.meta.dirname, '../..');
export const artifactsDir = path.join(root, 'artifacts');

/** Debian's Chromium, headless, with nothing that reaches the network. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`找不到 Chromium（${executablePath}）：请运行 apt-get install -y chromium fonts-noto-cjk`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export function rendererDir(): string {
  const dir = path.join(root, 'dist', 'renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('界面尚未构建：先运行 npm run build:renderer');
  return dir;
}
