import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadBase,
  firstErrorLine,
  lacksDisplay,
  locateElectron,
  wrap,
} from './electron-runtime.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let scratch: string;
let emptyDist: string;
let fakeDist: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'portside-start-'));
  emptyDist = join(scratch, 'no-electron');
  fakeDist = join(scratch, 'fake-electron');
  await mkdir(emptyDist);
  await mkdir(fakeDist);
  // A stand-in for the Electron executable: reports how it was started.
  await writeFile(
    join(fakeDist, 'electron'),
    '#!/bin/sh\necho "args:$*"\necho "run-as-node:${ELECTRON_RUN_AS_NODE:-unset}"\nexit 7\n',
  );
  await chmod(join(fakeDist, 'electron'), 0o755);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/**
 * Runs `node scripts/start.mjs` as `npm start` would, with the build skipped
 * (PORTSIDE_SKIP_BUILD=1: building is npm run build's business, tested elsewhere) and an
 * environment of our choosing: no proxy, no mirror, an empty download cache, and the
 * Electron dist folder pointed wherever the test says (ELECTRON_OVERRIDE_DIST_PATH).
 */
function runStart(env: Record<string, string>, args: string[] = []): Promise<Outcome> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: scratch,
    PORTSIDE_SKIP_BUILD: '1',
    electron_config_cache: join(scratch, 'cache'),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
      cwd: projectRoot,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectOneParagraph(text: string): void {
  const paragraph = text.trim();
  expect(paragraph).not.toBe('');
  expect(paragraph).not.toMatch(/\n\s*\n/);
  // No stack trace: a person reads this.
  expect(paragraph).not.toMatch(/^\s+at /m);
}

describe('npm start where the Electron runtime is missing (as on the build machines)', () => {
  it('tries the download, then explains in one paragraph and exits non-zero', async () => {
    const port = await closedPort();
    const outcome = await runStart({
      ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      DISPLAY: ':99',
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('Fetching the Electron');
    expectOneParagraph(outcome.stderr);
    const text = outcome.stderr.replace(/\s+/g, ' ');
    expect(text).toContain('the Electron runtime (Electron ');
    expect(text).toContain(`127.0.0.1:${port} is not reachable (ECONNREFUSED)`);
    expect(text).toContain('not from the npm registry');
    expect(text).toContain('Run `npm run web` instead');
    expect(outcome.stderr).toContain('`npm run web`'); // never split across lines
  });

  it('stops waiting when the download host accepts but never answers', async () => {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const outcome = await runStart({
        ELECTRON_OVERRIDE_DIST_PATH: emptyDist,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        PORTSIDE_ELECTRON_PROBE_TIMEOUT_MS: '300',
        PORTSIDE_ELECTRON_INSTALL_GRACE_MS: '300',
        DISPLAY: ':99',
      });
      expect(outcome.code).toBe(1);
      expectOneParagraph(outcome.stderr);
      const text = outcome.stderr.replace(/\s+/g, ' ');
      expect(text).toContain(`127.0.0.1:${port} did not answer within 0.3 s`);
      expect(outcome.stderr).toContain('`npm run web`');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.runIf(process.platform === 'linux')('npm start where a runtime is installed', () => {
  it('launches it on the project folder, passing arguments, never as plain Node', async () => {
    const outcome = await runStart(
      { ELECTRON_OVERRIDE_DIST_PATH: fakeDist, DISPLAY: ':99', ELECTRON_RUN_AS_NODE: '1' },
      ['--trace-warnings'],
    );
    expect(outcome.code).toBe(7);
    expect(outcome.stdout).toContain(`args:${projectRoot} --trace-warnings`);
    expect(outcome.stdout).toContain('run-as-node:unset');
    expect(outcome.stderr).toBe('');
  });

  it('explains that there is no display instead of letting Electron crash', async () => {
    const outcome = await runStart({ ELECTRON_OVERRIDE_DIST_PATH: fakeDist });
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).not.toContain('args:');
    expectOneParagraph(outcome.stderr);
    expect(outcome.stderr.replace(/\s+/g, ' ')).toContain('no graphical display');
    expect(outcome.stderr).toContain('`npm run web`');
  });
});

describe('electron-runtime helpers', () => {
  it('finds the executable without starting a download', () => {
    const runtime = locateElectron({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, 'linux');
    expect(runtime?.binary).toMatch(/^\/opt\/electron\/electron$/);
    expect(runtime?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('uses the mirror the installer would use', () => {
    expect(downloadBase({})).toBe('https://github.com/electron/electron/releases/download/');
    expect(downloadBase({ ELECTRON_MIRROR: 'https://mirror.example/' })).toBe(
      'https://mirror.example/',
    );
    expect(
      downloadBase({
        ELECTRON_MIRROR: 'https://a.example/',
        npm_config_electron_mirror: 'https://b.example/',
      }),
    ).toBe('https://b.example/');
  });

  it('reports the installer error line, not its stack', () => {
    expect(
      firstErrorLine('\nTypeError: fetch failed\n    at node:internal/deps/undici:1:1\n'),
    ).toBe('TypeError: fetch failed');
  });

  it('wraps a paragraph to the terminal width without blank lines', () => {
    const text = wrap('word '.repeat(100), 40);
    expect(text.split('\n').every((line) => line.length <= 40)).toBe(true);
    expect(text).not.toContain('\n\n');
  });

  it('needs a display on Linux only', () => {
    expect(lacksDisplay('linux', {})).toBe(true);
    expect(lacksDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(lacksDisplay('darwin', {})).toBe(false);
  });
});
