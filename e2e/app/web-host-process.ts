// The browser host as a person starts it (`node dist/web/portside-web.mjs --port 0
// --user-data DIR`), run as a child process of the test: its stdout line with the address
// is parsed exactly as the README tells people to read it. Stopping it sends SIGTERM, the
// signal its shutdown path handles, so the services close their sessions and the drop
// staging folder is removed like on a real Ctrl+C.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { WEB_HOST_ENTRY } from './paths.js';

export interface WebHostOptions {
  readonly userDataDir: string;
  /** The whole environment of the host (nothing is inherited: see hostEnvironment). */
  readonly env: Readonly<Record<string, string>>;
  /** How long the host may take to print its address. */
  readonly startTimeoutMs?: number;
  /** Operands after the options (an ftp:// link, as `npm run web -- ftp://…` passes it). */
  readonly args?: readonly string[];
}

export interface WebHostProcess {
  /** `http://127.0.0.1:PORT/?token=…`, as printed. */
  readonly url: string;
  readonly origin: string;
  readonly pid: number;
  /** Everything the host wrote to stderr so far (its notes for the person running it). */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const ADDRESS_LINE =
  /^Portside is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/m;

export async function startWebHost(options: WebHostOptions): Promise<WebHostProcess> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    [WEB_HOST_ENTRY, '--port', '0', '--user-data', options.userDataDir, ...(options.args ?? [])],
    { env: { ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const timeoutMs = options.startTimeoutMs ?? 20_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The web host printed no address within ${timeoutMs} ms.\n${stderr}`));
    }, timeoutMs);
    const check = () => {
      const match = ADDRESS_LINE.exec(stdout);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The web host exited before printing its address (code ${String(code)}, signal ${String(signal)}).\n${stderr}`,
        ),
      );
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    origin: new URL(url).origin,
    pid: child.pid ?? -1,
    stderr: () => stderr,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/**
 * The host's environment, built from scratch rather than inherited: a D-Bus session
 * address or DISPLAY leaking in from the machine running the tests would decide whether
 * passwords persist (secret-tool finds a keyring, or autolaunches one through X11), and
 * the flows must be the same on every machine. `extra` adds what a fixture wants (the
 * private keyring's bus address).
 */
export function hostEnvironment(
  home: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    TMPDIR: process.env['TMPDIR'] ?? '/tmp',
    ...extra,
  };
}
