import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../services/json-file.js';
import { windowStateSchema, type WindowState } from '../shell-policy/window-state.js';

// No electron import: the shell passes bounds in and out; this only keeps the file.

const FILE_NAME = 'window-state.json';

/**
 * The saved window placement, or null. A corrupt file is moved aside by readJsonFile, and
 * any other failure is ignored too: a window at the default size is no reason not to start.
 */
export async function loadWindowState(userDataDir: string): Promise<WindowState | null> {
  try {
    const outcome = await readJsonFile<WindowState | null>(
      join(userDataDir, FILE_NAME),
      windowStateSchema,
      null,
    );
    return outcome.value;
  } catch {
    return null;
  }
}

export function saveWindowState(userDataDir: string, state: WindowState): Promise<void> {
  return writeJsonAtomic(join(userDataDir, FILE_NAME), state);
}
