import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ServiceError } from '../services/router.js';
import { MemorySecretStore, type SecretStore } from '../services/secret-store.js';

/** The command to run, with any leading arguments (tests run a stand-in script). */
export type KeyringProgram = readonly [string, ...string[]];

export interface KeyringOptions {
  readonly program?: KeyringProgram | undefined;
  /** Per operation. A desktop keyring may show an unlock prompt, so this is generous. */
  readonly timeoutMs?: number | undefined;
}

const DEFAULT_PROGRAM: KeyringProgram = ['secret-tool'];
/** A secret is a site password; anything longer than this on stdout is not one of ours. */
const MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * Site passwords in the OS keyring (the freedesktop Secret Service: GNOME Keyring,
 * KWallet) through libsecret's `secret-tool`. The password travels on stdin, never in
 * argv, where every user of the machine could read it in /proc or `ps`.
 */
export class KeyringSecretStore implements SecretStore {
  readonly kind = 'keyring';
  readonly persistent = true;
  private readonly program: KeyringProgram;
  private readonly timeoutMs: number;

  constructor(options: KeyringOptions = {}) {
    this.program = options.program ?? DEFAULT_PROGRAM;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async get(key: string): Promise<string | undefined> {
    const run = await this.run(['lookup', ...attributes(key)]);
    if (run.code === 0) return run.stdout;
    // secret-tool exits 1 without a word when nothing matches.
    if (run.code === 1 && run.stderr.trim() === '') return undefined;
    throw failure('read a password from', run);
  }

  async set(key: string, secret: string): Promise<void> {
    const run = await this.run(
      ['store', `--label=Portside site ${key}`, ...attributes(key)],
      secret,
    );
    if (run.code !== 0) throw failure('save a password in', run);
  }

  async delete(key: string): Promise<void> {
    const run = await this.run(['clear', ...attributes(key)]);
    if (run.code !== 0 && !(run.code === 1 && run.stderr.trim() === '')) {
      throw failure('delete a password from', run);
    }
  }

  private run(args: readonly string[], stdin = ''): Promise<ProgramRun> {
    return runProgram(this.program, args, stdin, this.timeoutMs);
  }
}

export interface ChosenSecretStore {
  readonly store: SecretStore;
  /** One line for the person starting the host. */
  readonly description: string;
}

/**
 * The keyring when `secret-tool` is installed and a Secret Service answers; otherwise
 * memory only ("ask every time"). The probe looks up an item that cannot exist, which
 * neither needs nor triggers an unlock prompt, under a short timeout: without a D-Bus
 * session, secret-tool may try to autolaunch one and hang.
 */
export async function chooseSecretStore(
  options: KeyringOptions & { readonly probeTimeoutMs?: number | undefined } = {},
): Promise<ChosenSecretStore> {
  const program = options.program ?? DEFAULT_PROGRAM;
  const probe = await runProgram(
    program,
    ['lookup', 'application', 'portside', 'probe', randomBytes(8).toString('hex')],
    '',
    options.probeTimeoutMs ?? 3000,
  );
  if (probe.code === 0 || (probe.code === 1 && probe.stderr.trim() === '')) {
    return {
      store: new KeyringSecretStore(options),
      description: 'Passwords: saved in the system keyring (secret-tool).',
    };
  }
  const why = probe.error ?? (probe.stderr.trim().split('\n')[0] || 'it did not answer');
  return {
    store: new MemorySecretStore(),
    description:
      `Passwords: not saved, Portside will ask for them (no working system keyring: ${why}; ` +
      'install libsecret-tools and run a Secret Service such as GNOME Keyring to save them).',
  };
}

/** Our items are found by these attributes; the key is a site id, never a secret. */
function attributes(key: string): string[] {
  return ['application', 'portside', 'secret', key];
}

interface ProgramRun {
  /** null when the program could not start, was killed, or timed out. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it did not run to completion, in words. */
  readonly error: string | undefined;
}

function runProgram(
  program: KeyringProgram,
  args: readonly string[],
  stdin: string,
  timeoutMs: number,
): Promise<ProgramRun> {
  const [command, ...leading] = program;
  return new Promise((resolve) => {
    const child = spawn(command, [...leading, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let error: string | undefined;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
      else into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code === 'ENOENT' ? `${command} is not installed` : cause.message;
    });
    // The child may exit without reading stdin (EPIPE); that is reported by its exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin, 'utf8');
    child.on('close', (code, signal) => {
      if (signal !== null && error === undefined) {
        error = size > MAX_OUTPUT_BYTES ? 'too much output' : `no answer within ${timeoutMs} ms`;
      }
      resolve({
        code: error === undefined ? code : null,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        error,
      });
    });
  });
}

function failure(action: string, run: ProgramRun): ServiceError {
  const why = run.error ?? (run.stderr.trim().split('\n')[0] || `exit code ${String(run.code)}`);
  return new ServiceError('internal', `Could not ${action} the system keyring: ${why}`);
}
