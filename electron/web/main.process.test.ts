import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { invoke } from './test-clients.js';

/**
 * `portside-web` as a whole process, bundled from main.ts the way scripts/build.mjs bundles
 * it (so the test needs no prior `npm run build`), with the real services behind it.
 */
const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));
const INDEX = '<!doctype html><title>Portside process test</title>';

let dir: string;
let bundle: string;
let rendererDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portside-web-process-'));
  bundle = join(dir, 'portside-web.mjs');
  rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), INDEX);
  await build({
    entryPoints: [ENTRY],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    // ws is CommonJS and requires Node built-ins; an ESM bundle needs a real `require`.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: readonly string[], home: string): Running {
  const child = spawn(process.execPath, [bundle, ...args], {
    // Only node's own folder on PATH: no secret-tool, whatever this machine has, so the
    // store choice is the same everywhere. HOME keeps the services out of the real one.
    env: { PATH: dirname(process.execPath), HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function printedUrl(running: Running): Promise<URL> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const match = /^Portside is running at (\S+)$/m.exec(running.stdout());
    if (match?.[1] !== undefined) return new URL(match[1]);
    if (Date.now() > deadline || running.child.exitCode !== null) {
      throw new Error(
        `No address printed.\nstdout: ${running.stdout()}\nstderr: ${running.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('portside-web as a process', () => {
  it('prints its address, serves behind the token, and stops cleanly on SIGTERM', async () => {
    const home = join(dir, 'home');
    const userData = join(dir, 'user-data');
    const running = run(['--port', '0', '--user-data', userData, '--renderer', rendererDir], home);
    try {
      const url = await printedUrl(running);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.pathname).toBe('/');
      const token = url.searchParams.get('token') ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const signIn = await fetch(url, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/');
      const [setCookie = ''] = signIn.headers.getSetCookie();
      expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Path=\/$/);
      const cookie = setCookie.split(';')[0] ?? '';

      const page = await fetch(new URL('/', url), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(INDEX);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

      const refused = await fetch(new URL('/', url));
      expect(refused.status).toBe(403);
      expect(refused.headers.get('set-cookie')).toBeNull();

      // The real services answer through the socket, and keep their files in --user-data.
      const socket = new WebSocket(`ws://${url.host}/ws`, {
        origin: url.origin,
        headers: { Cookie: cookie },
      });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      expect(await invoke(socket, 1, 'settings:get', {})).toMatchObject({
        result: { ok: true, value: { forcePassive: true, simultaneousTransfers: 2 } },
      });
      expect(
        await invoke(socket, 2, 'settings:update', { simultaneousTransfers: 3 }),
      ).toMatchObject({ result: { ok: true, value: { simultaneousTransfers: 3 } } });
      expect(await readdir(userData)).not.toHaveLength(0);
      const socketClosed = new Promise<number>((resolve) => socket.once('close', resolve));

      running.child.kill('SIGTERM');
      expect(await running.exited).toEqual({ code: 0, signal: null });
      expect(await socketClosed).toBe(1001);
      expect(running.stdout().match(/^Portside is running at /gm)).toHaveLength(1);
      expect(running.stdout()).toContain('Press Ctrl+C to stop.');
      // Which store is chosen depends on the machine (a keyring may or may not run): the
      // host must say which, in one line.
      expect(running.stderr()).toMatch(/^Passwords: .+$/m);
    } finally {
      running.child.kill('SIGKILL');
    }
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const running = run(['--port', String(port), '--renderer', rendererDir], join(dir, 'home2'));
      expect(await running.exited).toEqual({ code: 1, signal: null });
      expect(running.stderr()).toContain(`Port ${port} is already in use on 127.0.0.1`);
      expect(running.stdout()).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('offers an ftp:// link from its command line to the first page, without its password', async () => {
    const running = run(
      ['--renderer', rendererDir, 'ftp://bob:hunter2@files.example.com:2121/pub/'],
      join(dir, 'home4'),
    );
    try {
      const url = await printedUrl(running);
      const signIn = await fetch(url, { redirect: 'manual' });
      const cookie = (signIn.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const socket = new WebSocket(`ws://${url.host}/ws`, {
        origin: url.origin,
        headers: { Cookie: cookie },
      });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      const taken = await invoke(socket, 1, 'app:take-open-url', {});
      expect(taken).toMatchObject({
        result: {
          ok: true,
          value: {
            scheme: 'ftp',
            host: 'files.example.com',
            port: 2121,
            user: 'bob',
            path: 'pub',
            passwordDropped: true,
          },
        },
      });
      expect(JSON.stringify(taken)).not.toContain('hunter2');
      // Once: a reload (or a second tab) does not fill Quickconnect again.
      expect(await invoke(socket, 2, 'app:take-open-url', {})).toMatchObject({
        result: { ok: true, value: null },
      });
      socket.close();
    } finally {
      running.child.kill('SIGKILL');
    }
  });

  it('refuses a link it cannot open, with exit code 2', async () => {
    const running = run(
      ['--renderer', rendererDir, 'ftp://h.example/a%0d%0aDELE%20x'],
      join(dir, 'home5'),
    );
    expect(await running.exited).toEqual({ code: 2, signal: null });
    expect(running.stderr()).toMatch(/Portside cannot open this link: .*line break/);
    expect(running.stdout()).toBe('');
  });

  it('refuses bad arguments with exit code 2 and the usage', async () => {
    const running = run(['--port', 'eighty'], join(dir, 'home3'));
    expect(await running.exited).toEqual({ code: 2, signal: null });
    expect(running.stderr()).toContain('--port must be a whole number');
    expect(running.stderr()).toContain('Usage: portside-web');
  });
});
