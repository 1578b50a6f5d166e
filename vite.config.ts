import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain web page: in Electron it is loaded from app://, in the
// harness from 127.0.0.1. Relative asset paths serve both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // No inline scripts or module preload polyfill: the CSP allows only 'self'.
    modulePreload: { polyfill: false },
  },
});
