import { createElement } from 'react';
import react from '@vitejs/plugin-react';
import { ConfigProvider } from 'antd';
import { extractStyle } from '@ant-design/static-style-extract';
import { defineConfig, type Plugin } from 'vite';
import { sheetTheme } from './renderer/src/theme.ts';

/**
 * `virtual:antd.css`: every antd component's styles in the app's theme, generated when the window
 * is built, so the window does not generate them as it draws (renderer/src/theme.ts).
 */
function antdStyle(): Plugin {
  const id = 'virtual:antd.css';
  return {
    name: 'antd-style',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? extractStyle((node) => createElement(ConfigProvider, { theme: sheetTheme }, node)) : undefined),
  };
}

// The renderer is a plain web page: in Electron it is loaded from app://, in the
// harness from 127.0.0.1. Relative asset paths serve both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), antdStyle()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // No inline scripts or module preload polyfill: the CSP allows only 'self'.
    modulePreload: { polyfill: false },
  },
});
