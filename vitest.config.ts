import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and integration tests (colocated *.test.ts). Node code runs in Node; the renderer's
// component tests run in jsdom. Integration tests start real servers on loopback, so they
// get more time than vitest's default; none asserts wall-clock time.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The security reporter lists issue 9's items and their tests after the run.
    reporters: ['default', './electron/security/security-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Cleans up rendered trees and resets every zustand store after each test.
          setupFiles: ['renderer/test-support/setup.ts'],
          // CSS is skipped in tests, except the theme: its palette is checked for contrast.
          css: { include: [/theme\.css/] },
        },
      },
    ],
  },
});
