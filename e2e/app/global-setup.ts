// Checks, once before any worker starts, what every flow needs: the build and a browser.
// Missing either, nothing could pass; better one clear sentence than 25 stack traces.
import type { FullConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { findChromium, NO_CHROMIUM_MESSAGE } from './chromium.js';
import { electronUnavailable } from './electron-app.js';
import { RENDERER_INDEX, WEB_HOST_ENTRY } from './paths.js';

export default function globalSetup(config: FullConfig): void {
  for (const file of [WEB_HOST_ENTRY, RENDERER_INDEX]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run \`npm run build\` before the end-to-end tests.`);
    }
  }
  if (findChromium() === undefined) throw new Error(NO_CHROMIUM_MESSAGE);
  // Each of its tests is skipped with this reason (fixtures.ts); said once here as well,
  // since the list reporter shows skips without their reasons.
  const why = electronUnavailable();
  if (why !== null && config.projects.some((project) => project.name === 'electron')) {
    console.log(`electron project: skipped: ${why}`);
  }
}
