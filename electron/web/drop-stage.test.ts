import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DropStage, DropStageClosedError, dropNameProblem } from './drop-stage.js';

describe('dropNameProblem', () => {
  it.each([
    'report.pdf',
    'Quarterly report (final).pdf',
    '.hidden',
    '...',
    'a..b',
    'ünïcödé – 日本語.txt',
    'C:x', // A plain name on Linux and macOS.
    'n'.repeat(255),
    'é'.repeat(127), // 254 bytes
  ])('accepts %j', (name) => {
    expect(dropNameProblem(name, 'linux')).toBeUndefined();
  });

  it.each([
    ['', 'empty'],
    ['.', 'not a file name'],
    ['..', 'not a file name'],
    ['../x', '"/"'],
    ['a/b', '"/"'],
    ['/etc/passwd', '"/"'],
    ['a\\b', '"/"'],
    ['..\\x', '"/"'],
    ['a\0b', 'control'],
    ['a\nb', 'control'],
    ['a\rb', 'control'],
    ['a\tb', 'control'],
    ['a\u007fb', 'control'],
    ['a\u0085b', 'control'],
    ['n'.repeat(256), '255 bytes'],
    ['é'.repeat(128), '255 bytes'],
  ])('refuses %j', (name, why) => {
    expect(dropNameProblem(name, 'linux')).toContain(why);
  });

  it('refuses what Windows cannot create, on Windows only', () => {
    for (const name of ['a:b', 'C:x', 'a<b', 'a|b', 'a?b', 'a*b', 'a"b']) {
      expect(dropNameProblem(name, 'win32'), name).toContain('Windows');
      expect(dropNameProblem(name, 'linux'), name).toBeUndefined();
    }
  });
});

describe('DropStage', () => {
  let parent: string;
  let stage: DropStage;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'portside-stage-test-'));
    stage = await DropStage.create(parent);
  });
  afterEach(async () => {
    await stage.dispose();
    await rm(parent, { recursive: true, force: true });
  });

  it('makes its folder private, under the parent, with a recognisable name', async () => {
    expect(stage.dir.startsWith(join(parent, 'portside-drop-'))).toBe(true);
    expect((await stat(stage.dir)).mode & 0o777).toBe(0o700);
  });

  it('refuses a bad name without touching the disk', async () => {
    await expect(stage.receive('../escape', Readable.from(['x']))).rejects.toThrow('"/"');
    expect(await readdir(stage.dir)).toEqual([]);
    expect((await readdir(parent)).length).toBe(1);
  });

  it('removes the folder of a body that fails half way', async () => {
    const body = new PassThrough();
    const staged = stage.receive('half.bin', body);
    body.write('some bytes');
    body.destroy(new Error('connection reset'));
    await expect(staged).rejects.toThrow('connection reset');
    expect(await readdir(stage.dir)).toEqual([]);
  });

  it('on dispose, stops a body still arriving and removes everything', async () => {
    const done = await stage.receive('done.txt', Readable.from([Buffer.from('done')]));
    expect(await readFile(done, 'utf8')).toBe('done');
    const body = new PassThrough();
    const arriving = stage.receive('arriving.bin', body);
    body.write('partial');

    await stage.dispose();
    await expect(arriving).rejects.toBeInstanceOf(DropStageClosedError);
    await expect(stat(stage.dir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stage.receive('late.txt', Readable.from(['x']))).rejects.toBeInstanceOf(
      DropStageClosedError,
    );
    expect(await readdir(parent)).toEqual([]);
  });

  it('discards a staged file of its own, and nothing that is not', async () => {
    const path = await stage.receive('unused.txt', Readable.from(['x']));
    const outsider = join(parent, 'outsider.txt');
    await writeFile(outsider, 'keep me');
    await stage.discard(outsider);
    await stage.discard(join(stage.dir, 'not-staged.txt'));
    await stage.discard(path);
    expect(await readdir(stage.dir)).toEqual([]);
    expect(await readFile(outsider, 'utf8')).toBe('keep me');
  });
});
