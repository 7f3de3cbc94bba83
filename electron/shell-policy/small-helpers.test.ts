import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPaths } from './app-paths.js';
import {
  openDialogResult,
  saveDialogResult,
  toOpenDialogOptions,
  toSaveDialogOptions,
} from './dialogs.js';
import { queueFinishedNotification } from './notifications.js';
import { settleWithin } from './shutdown.js';

describe('native dialog options', () => {
  it('asks for files, or for a folder (which may be created)', () => {
    expect(toOpenDialogOptions({ kind: 'files', multiple: true, title: 'Upload' })).toEqual({
      title: 'Upload',
      properties: ['openFile', 'multiSelections'],
    });
    expect(toOpenDialogOptions({ kind: 'directory', defaultPath: '/home/u' })).toEqual({
      defaultPath: '/home/u',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(toSaveDialogOptions({ defaultPath: '/home/u/sites.xml' })).toEqual({
      defaultPath: '/home/u/sites.xml',
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('reports a cancel as no choice, even with leftover paths', () => {
    expect(openDialogResult({ canceled: true, filePaths: ['/x'] })).toEqual({ paths: [] });
    expect(openDialogResult({ canceled: false, filePaths: ['/a', '/b'] })).toEqual({
      paths: ['/a', '/b'],
    });
    expect(saveDialogResult({ canceled: true, filePath: '/x' })).toEqual({ path: null });
    expect(saveDialogResult({ canceled: false, filePath: '' })).toEqual({ path: null });
    expect(saveDialogResult({ canceled: false, filePath: '/y' })).toEqual({ path: '/y' });
  });
});

describe('quitting', () => {
  it('waits for the work to settle, failures included', async () => {
    await expect(
      settleWithin([Promise.resolve(1), Promise.reject(new Error('QUIT refused'))], 60_000),
    ).resolves.toBe('settled');
  });

  it('gives up on work that never ends', async () => {
    await expect(settleWithin([new Promise(() => undefined)], 10)).resolves.toBe('timed-out');
  });
});

describe('built file locations', () => {
  it('finds the preload beside main and the renderer beside them', () => {
    const dist = join('/opt', 'portside', 'dist');
    const main = pathToFileURL(join(dist, 'electron', 'main.mjs')).href;
    expect(appPaths(main)).toEqual({
      preloadPath: join(dist, 'electron', 'preload.cjs'),
      rendererDir: join(dist, 'renderer'),
    });
  });
});

describe('the queue-finished notification', () => {
  it('says how it went when the window is in the background', () => {
    expect(
      queueFinishedNotification({ done: 1, failed: 0 }, { enabled: true, windowFocused: false }),
    ).toEqual({ title: 'Transfers finished', body: '1 file transferred.' });
    expect(
      queueFinishedNotification({ done: 12, failed: 2 }, { enabled: true, windowFocused: false }),
    ).toEqual({
      title: 'Transfers finished with errors',
      body: '12 files transferred, 2 files failed.',
    });
  });

  it('stays quiet when turned off or when the window has focus', () => {
    const finished = { done: 3, failed: 0 };
    expect(queueFinishedNotification(finished, { enabled: false, windowFocused: false })).toBe(
      null,
    );
    expect(queueFinishedNotification(finished, { enabled: true, windowFocused: true })).toBe(null);
  });
});
