// Running the built `portside` command against a real server for one combination of the
// matrix: URLs, flags, and the Status/Command/Response log it prints with --log.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI_PATH, type CliRun } from '../../electron/test-support/run-cli.js';
import type { InteropServer } from './fixtures.js';
import { portFor, type Combination } from './matrix.js';

export interface CliTarget {
  /** `ftp://user:password@127.0.0.1:port/` (ftps:// for implicit TLS), or without a user. */
  readonly base: string;
  /** --passive/--active, --tls, --ca, --timeout. */
  readonly flags: readonly string[];
}

export function cliTarget(
  target: InteropServer,
  combo: Combination,
  login: 'user' | 'anonymous' = 'user',
): CliTarget {
  const { server } = target;
  // ftps:// is implicit TLS to the CLI; explicit TLS and plain FTP are ftp:// with --tls.
  const scheme = combo.security === 'implicit' ? 'ftps' : 'ftp';
  const user =
    login === 'anonymous'
      ? ''
      : `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}@`;
  const tls = combo.security === 'plain' ? 'none' : combo.security;
  return {
    base: `${scheme}://${user}${server.host}:${portFor(server, combo.security)}/`,
    flags: [`--${combo.mode}`, '--tls', tls, '--ca', server.caFile, '--timeout', '60'],
  };
}

/** The URL of a path relative to the login folder; each segment percent-encoded. */
export function remoteUrl(target: CliTarget, path: string): string {
  return `${target.base}${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** Runs `portside <args> <flags>`; `env` adds to this process's environment. */
export function portside(
  target: CliTarget,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run "npm run build" first`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI_PATH, ...args, ...target.flags],
      { timeout: 170_000, maxBuffer: 64 << 20, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Fails with the command's stderr (its log, with --log) unless it exited with 0. */
export function expectSuccess(run: CliRun, what: string): CliRun {
  if (run.code !== 0) {
    const tail = run.stderr.trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`portside ${what} exited with ${run.code}:\n${tail}`);
  }
  return run;
}

export interface ListedEntry {
  readonly type: string;
  readonly size: string;
  readonly name: string;
}

/** Reads `portside ls` output: `- 12 2026-11-24 11:22 name` (see format-listing.ts). */
export function parseLs(stdout: string): ListedEntry[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^([-dl?]) +(\S+) (.{16}) (.*)$/.exec(line);
      if (match === null) throw new Error(`unexpected ls line: ${JSON.stringify(line)}`);
      return { type: match[1] ?? '', size: match[2] ?? '', name: match[4] ?? '' };
    });
}
