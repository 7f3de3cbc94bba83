import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedFtpServer, type EmbeddedFtpServer } from '../demo/embedded-ftp-server.js';
import { runCli } from '../test-support/run-cli.js';
import { hashTree, makeTree, sha256 } from '../test-support/tree-fixtures.js';

/** The `portside` command line, as a process, against an ordinary FTP server in both modes. */
describe.each(['--passive', '--active'] as const)('portside CLI %s', (modeFlag) => {
  let server: EmbeddedFtpServer;
  let local: string;
  const cli = (...args: string[]) => runCli([...args, modeFlag, '--tls', 'none']);

  beforeAll(async () => {
    server = await startEmbeddedFtpServer();
    local = await mkdtemp(join(tmpdir(), 'portside-cli-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(local, { recursive: true, force: true });
  });

  it('lists a folder', async () => {
    await mkdir(join(server.root, 'pub', 'sub dir'), { recursive: true });
    await writeFile(join(server.root, 'pub', 'readme.txt'), 'hello');
    const run = await cli('ls', `${server.url}/pub/`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.endsWith(' readme.txt'))).toMatch(/^- +5 /);
    expect(lines.find((l) => l.endsWith(' sub dir'))).toMatch(/^d /);
  });

  it('gets and puts a file byte for byte, and logs the session with --log', async () => {
    const content = randomBytes(2_000_003);
    await writeFile(join(server.root, 'big.bin'), content);
    const got = await cli('get', `${server.url}/big.bin`, join(local, 'big.bin'), '--log');
    expect(got.code).toBe(0);
    expect(sha256(await readFile(join(local, 'big.bin')))).toBe(sha256(content));
    expect(got.stderr).toMatch(/^Status: Connecting to 127\.0\.0\.1:\d+\.\.\.$/m);
    expect(got.stderr).toContain('Command: PASS ********');
    expect(got.stderr).toMatch(
      modeFlag === '--passive' ? /^Command: EPSV$/m : /^Command: PORT 127,0,0,1,\d+,\d+$/m,
    );
    expect(got.stderr).toMatch(/^Status: File transfer successful, transferred 2,000,003 bytes/m);
    expect(got.stderr).not.toContain(server.password);

    const put = await cli('put', join(local, 'big.bin'), `${server.url}/uploaded.bin`);
    expect(put.code).toBe(0);
    expect(sha256(await readFile(join(server.root, 'uploaded.bin')))).toBe(sha256(content));
  });

  it('gets a file to standard output with -, leaving no file behind', async () => {
    // Text, because runCli decodes standard output as UTF-8.
    const content = 'line of the listing\n'.repeat(50_000);
    await writeFile(join(server.root, 'text.txt'), content);
    const got = await cli('get', `${server.url}/text.txt`, '-');
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(content);
    expect(existsSync('-')).toBe(false);
    expect(existsSync('-.portside-part')).toBe(false);
  });

  it('resumes a download with -c from the partial file', async () => {
    const content = randomBytes(300_000);
    await writeFile(join(server.root, 'resume.bin'), content);
    const target = join(local, 'resume.bin');
    await writeFile(`${target}.portside-part`, content.subarray(0, 123_456));
    const run = await cli('get', '-c', `${server.url}/resume.bin`, target, '--log');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Command: REST 123456$/m);
    expect(sha256(await readFile(target))).toBe(sha256(content));
    expect(existsSync(`${target}.portside-part`)).toBe(false);
  });

  it('makes folders, uploads into them and removes files', async () => {
    expect((await cli('mkdir', `${server.url}/made`)).code).toBe(0);
    await writeFile(join(local, '-dash file.txt'), 'dash');
    expect((await cli('put', join(local, '-dash file.txt'), `${server.url}/made/`)).code).toBe(0);
    expect(await readFile(join(server.root, 'made', '-dash file.txt'), 'utf8')).toBe('dash');
    expect((await cli('rm', `${server.url}/made/-dash%20file.txt`)).code).toBe(0);
    expect(existsSync(join(server.root, 'made', '-dash file.txt'))).toBe(false);
  });

  it('puts and gets a tree of 500 files recursively with 3 connections', async () => {
    const source = join(local, 'tree');
    await makeTree(source, 500);
    const expected = await hashTree(source);
    const put = await cli('put', '-r', source, `${server.url}/tree`, '--connections', '3');
    expect(put.stderr).toBe('');
    expect(await hashTree(join(server.root, 'tree'))).toEqual(expected);
    const target = join(local, 'tree-back');
    const get = await cli('get', '-r', `${server.url}/tree`, target, '--connections', '3');
    expect(get.stderr).toBe('');
    expect(await hashTree(target)).toEqual(expected);
  }, 120_000);

  it('fails with one clear line and a non-zero status', async () => {
    const wrong = await cli('ls', `ftp://${server.user}:wrong@127.0.0.1:${server.port}/`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `portside: Login incorrect: the server rejected the user name "${server.user}" or its password (530 Login incorrect)\n`,
    );
    const missing = await cli('get', `${server.url}/no-such-file`, join(local, 'x'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^portside: The server refused RETR: 55\d .*\n$/);
    expect(existsSync(join(local, 'x'))).toBe(false);
    const injected = await cli('rm', `${server.url}/a%0d%0aDELE%20big.bin`);
    expect(injected.code).toBe(2);
    expect(injected.stderr).toBe(
      'portside: The URL contains a line break or NUL character; refused\n',
    );
  });
});
