import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../test-support/fake-ftp-server.js';
import { downloadTree } from '../services/tree-transfer.js';
import { failure, useEngineHarness } from './engine-harness.js';

/**
 * Issue 9 items 7, 8 and 11: a recursive download from a hostile server, checked on disk.
 * The download goes into <scratch>/outer/inner; nothing may appear anywhere else.
 */
const engine = useEngineHarness();
let scratch: string;
let target: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'portside-tree-'));
  target = join(scratch, 'outer', 'inner');
  await mkdir(target, { recursive: true });
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Answers MLSD for `path` with these fact lines; anything else as the server would. */
function mlsdOf(path: string, lines: readonly string[]) {
  return async (c: CommandContext) => {
    if (c.arg !== path) return c.defaultHandler();
    c.reply('150 Here it comes');
    const data = await c.openData();
    data.end(lines.map((line) => `${line}\r\n`).join(''));
    data.on('close', () => c.reply('226 Done'));
  };
}

describe('security 9.7: names that climb out are dropped and logged; nothing is written outside', () => {
  it('downloads only the plain names of a hostile listing, inside the chosen folder', async () => {
    const hostile = ['..', '.', '../../x', '/etc/passwd', 'a/b', '..\\x', 'C:x'];
    await engine.start({
      files: { '/t/ok.txt': 'ok' },
      handlers: {
        MLSD: mlsdOf('/t', [
          ...hostile.map((name) => `type=file;size=2; ${name}`),
          'type=file;size=2; ok.txt',
        ]),
      },
    });
    const client = await engine.connect();
    const result = await downloadTree([client], '/t', target);
    expect(result.files).toBe(1);
    expect(await readdir(scratch)).toEqual(['outer']);
    expect(await readdir(join(scratch, 'outer'))).toEqual(['inner']);
    expect(await readdir(target)).toEqual(['ok.txt']);
    expect(await readFile(join(target, 'ok.txt'), 'utf8')).toBe('ok');
    for (const name of ['../../x', '/etc/passwd', 'a/b', '..\\x', 'C:x'])
      expect(engine.log).toContain(
        `Status: Ignored unsafe name in listing: ${JSON.stringify(name)}`,
      );
    // Only ok.txt was ever asked for.
    expect(engine.server.commands.filter((line) => line.startsWith('RETR'))).toEqual([
      'RETR /t/ok.txt',
    ]);
    await client.quit();
  });
});

describe('security 9.8: symlinks in a recursive download are never created, never written through', () => {
  it('skips symlink entries of the listing and creates nothing for them', async () => {
    await engine.start({
      files: { '/t/real.txt': 'real' },
      handlers: {
        MLSD: mlsdOf('/t', [
          'type=OS.unix=slink:/etc;size=4; to-etc',
          'type=OS.unix=symlink;size=4; to-root',
          'type=file;size=4; real.txt',
        ]),
      },
    });
    const client = await engine.connect();
    const skipped: string[] = [];
    await downloadTree([client], '/t', target, { onSkip: (path) => skipped.push(path) });
    expect(skipped.sort()).toEqual(['/t/to-etc', '/t/to-root']);
    expect(await readdir(target)).toEqual(['real.txt']);
    await client.quit();
  });

  it('does not follow a symlink to a folder already in the local folder', async () => {
    const outside = join(scratch, 'outside');
    await mkdir(outside);
    await symlink(outside, join(target, 'sub'));
    await engine.start({ files: { '/t/sub/inside.txt': 'through the link' } });
    const client = await engine.connect();
    const error = await failure(downloadTree([client], '/t', target));
    expect(error.message).toBe(`Refused to write through the symbolic link ${join(target, 'sub')}`);
    expect(await readdir(outside)).toEqual([]);
    await client.quit();
  });

  it('replaces a symlink to a file instead of writing through it', async () => {
    const outside = join(scratch, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'victim.txt'), 'untouched');
    await symlink(join(outside, 'victim.txt'), join(target, 'file.txt'));
    await engine.start({ files: { '/t/file.txt': 'downloaded' } });
    const client = await engine.connect();
    await downloadTree([client], '/t', target);
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('untouched');
    expect((await lstat(join(target, 'file.txt'))).isSymbolicLink()).toBe(false);
    expect(await readFile(join(target, 'file.txt'), 'utf8')).toBe('downloaded');
    await client.quit();
  });

  it('refuses to write through a symlink planted at the partial file', async () => {
    const outside = join(scratch, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'victim.txt'), 'untouched');
    const partial = join(target, 'file.txt.portside-part');
    await symlink(join(outside, 'victim.txt'), partial);
    await engine.start({ files: { '/t/file.txt': 'downloaded' } });
    const client = await engine.connect();
    const error = await failure(downloadTree([client], '/t', target));
    expect(error.message).toBe(`Refused to write through the symbolic link ${partial}`);
    expect(await readFile(join(outside, 'victim.txt'), 'utf8')).toBe('untouched');
    await client.quit();
  });
});

describe('security 9.11: directory loops and absurd depth are capped with a clear error', () => {
  it('stops a folder that contains itself forever at 64 levels', async () => {
    await engine.start({
      files: { '/t/keep.txt': 'x' },
      handlers: {
        // Every folder lists one sub-folder, "loop": what a bind-mount loop looks like.
        MLSD: async (c) => {
          c.reply('150 Here it comes');
          const data = await c.openData();
          data.end('type=dir; loop\r\n');
          data.on('close', () => c.reply('226 Done'));
        },
      },
    });
    const client = await engine.connect();
    const error = await failure(downloadTree([client], '/t', target));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe(
      `Folders nest deeper than 64 levels at /t/${Array(65).fill('loop').join('/')}; stopped (a loop?)`,
    );
    // Nothing was created before the walk was known to be finite.
    expect(await readdir(target)).toEqual([]);
    await client.quit();
  });

  it('downloads a tree exactly 64 levels deep (the cap is not off by one)', async () => {
    const deep = `/t/${Array(64).fill('d').join('/')}/f.txt`;
    await engine.start({ files: { [deep]: 'deep' } });
    const client = await engine.connect();
    const result = await downloadTree([client], '/t', target);
    expect(result.files).toBe(1);
    expect(await readFile(join(target, ...Array(64).fill('d'), 'f.txt'), 'utf8')).toBe('deep');
    await client.quit();
  });
});
