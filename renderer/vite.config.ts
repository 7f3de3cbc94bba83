import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served by both hosts: Electron loads it from disk, the
// browser host serves it over HTTP. Relative asset URLs work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Everything is local: no module preload polyfill injected as an inline script (CSP).
    modulePreload: { polyfill: false },
  },
});
