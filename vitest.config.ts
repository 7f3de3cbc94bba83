import { defineConfig } from 'vitest/config';

// Unit and integration tests (colocated *.test.ts). Integration tests start real servers
// on loopback, so they get more time than vitest's 5 s default; none asserts wall-clock time.
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
