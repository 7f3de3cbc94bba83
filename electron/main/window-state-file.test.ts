import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState } from './window-state-file.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portside-window-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('userData/window-state.json', () => {
  it('round-trips what was saved', async () => {
    const state = {
      version: 1,
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    } as const;
    await saveWindowState(dir, state);
    await expect(loadWindowState(dir)).resolves.toEqual(state);
  });

  it('is nothing when missing', async () => {
    await expect(loadWindowState(dir)).resolves.toBeNull();
  });

  it('is nothing when corrupt, and the bad file is kept aside', async () => {
    await writeFile(join(dir, 'window-state.json'), '{"version":1,"bounds":"huge"}');
    await expect(loadWindowState(dir)).resolves.toBeNull();
    expect((await readdir(dir)).some((name) => name.startsWith('window-state.json.corrupt-'))).toBe(
      true,
    );
  });

  it('is nothing when the folder cannot be read', async () => {
    await expect(loadWindowState(join(dir, 'missing', '\0bad'))).resolves.toBeNull();
  });
});
