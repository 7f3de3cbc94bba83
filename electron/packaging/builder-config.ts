import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'electron-builder';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json and the electron-builder files are). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RELEASE_CONFIG = 'electron-builder.yml';
export const TEST_CONFIG = 'electron-builder.test.yml';

/**
 * A configuration file as electron-builder itself reads it: its own loader, so YAML,
 * `extends` and the merge of the two files work exactly as in a real build.
 */
export function loadBuilderConfig(file: string): Promise<Configuration> {
  return getConfig(PROJECT_ROOT, file, null);
}
