// A private, unlocked OS keyring for the browser host: a D-Bus session bus of our own with
// GNOME Keyring's Secret Service on it, which is what `secret-tool` (and so the host's
// KeyringSecretStore) talks to on a Linux desktop. Headless machines have neither a session
// bus nor an unlocked keyring, so without this the host falls back to "ask every time" and
// site passwords cannot survive a restart (flow 7).
//
// How it is set up, and why this way (found by trying it on Debian 12, headless, as root):
// - `dbus-daemon --session --nofork --print-address=1` gives a bus without X11 or systemd;
//   `dbus-run-session` would also do, but it ties the bus to one child process, and the
//   keyring must outlive the host when flow 7 restarts it (as a desktop keyring outlives
//   the apps that use it).
// - `gnome-keyring-daemon --foreground --unlock --components=secrets` reads a password on
//   stdin and creates (or unlocks) the "login" keyring with it, file-backed in
//   $XDG_DATA_HOME/keyrings: stays a child we can stop, and needs no prompter.
// - We wait until org.freedesktop.secrets has an owner before anyone uses the bus:
//   otherwise D-Bus activation starts a second, locked daemon for the first caller.
// Packages (Debian): dbus (dbus-daemon, dbus-send), gnome-keyring, libsecret-tools
// (secret-tool); e2e/setup-browser.sh installs them.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface SessionKeyring {
  /** Variables a process needs to use this keyring (the bus address, nothing else). */
  readonly env: Readonly<Record<string, string>>;
  /** Every item saved by Portside, as `secret-tool search --all` prints it (secrets included). */
  portsideItems(): Promise<string>;
  stop(): Promise<void>;
}

const TOOLS = ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool'] as const;

export const KEYRING_HINT =
  'Flow 7 needs a Secret Service: as root on Debian run `bash e2e/setup-browser.sh` ' +
  '(apt-get install dbus gnome-keyring libsecret-tools).';

/** Which of the programs this needs are missing from PATH. */
export async function missingKeyringTools(): Promise<string[]> {
  const missing: string[] = [];
  for (const tool of TOOLS) {
    try {
      await execFileAsync('sh', ['-c', `command -v ${tool}`]);
    } catch {
      missing.push(tool);
    }
  }
  return missing;
}

export async function startSessionKeyring(password = 'e2e-keyring'): Promise<SessionKeyring> {
  const dir = await mkdtemp(join(tmpdir(), 'portside-keyring-'));
  const runtime = join(dir, 'run');
  await mkdir(runtime, { mode: 0o700 });
  await mkdir(join(dir, 'home'));
  await mkdir(join(dir, 'data'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(terminate));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(bus);
    const address = await firstLine(bus, 10_000, 'dbus-daemon');
    const baseEnv = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: join(dir, 'home'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_RUNTIME_DIR: runtime,
      DBUS_SESSION_BUS_ADDRESS: address,
    };
    const keyring = spawn(
      'gnome-keyring-daemon',
      ['--foreground', '--unlock', '--components=secrets'],
      { env: baseEnv, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    children.push(keyring);
    keyring.stdin?.end(password);
    await waitForName(address, 'org.freedesktop.secrets', 10_000);
    const env = { DBUS_SESSION_BUS_ADDRESS: address };
    return {
      env,
      async portsideItems() {
        const { stdout, stderr } = await execFileAsync(
          'secret-tool',
          ['search', '--all', '--unlock', 'application', 'portside'],
          { env: { PATH: baseEnv.PATH, ...env }, timeout: 10_000 },
        );
        // secret-tool prints the attributes on stdout and the secret lines on stderr.
        return `${stdout}\n${stderr}`;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function firstLine(child: ChildProcess, timeoutMs: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${err}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(out.slice(0, newline).trim());
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${String(code)}: ${err}`));
    });
  });
}

async function waitForName(address: string, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await execFileAsync(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
      { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', DBUS_SESSION_BUS_ADDRESS: address } },
    );
    if (/boolean true/.test(stdout)) return;
    if (Date.now() > deadline) throw new Error(`${name} did not appear on the private D-Bus`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
