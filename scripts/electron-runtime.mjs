// Finding, fetching and explaining the Electron runtime for `npm start` (scripts/start.mjs).
//
// Electron's npm package is small; the runtime itself (~100 MB) comes from GitHub (or
// ELECTRON_MIRROR), which is not the npm registry. Since Electron 42 it is fetched on first
// launch, not at `npm install`. `require('electron')` would start that download
// synchronously and with no time limit, so this module reads the package's files itself
// and runs its installer as a child process it can stop.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * @typedef {object} ElectronRuntime
 * @property {string} packageDir  node_modules/electron
 * @property {string} version     the Electron version the package installs
 * @property {string} binary      where the executable is (or will be once downloaded)
 */

/**
 * Where the Electron executable is, resolved the way electron/index.js does it (path.txt,
 * ELECTRON_OVERRIDE_DIST_PATH), but without triggering a download. Null when the electron
 * package itself is not installed.
 * @param {NodeJS.ProcessEnv} env
 * @param {NodeJS.Platform} platform
 * @returns {ElectronRuntime | null}
 */
export function locateElectron(env, platform = process.platform) {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, recorded || 'electron')
    : join(packageDir, 'dist', recorded || executableFor(platform));
  return { packageDir, version: String(version), binary };
}

/**
 * The executable's path inside Electron's dist folder (as electron/install.js names it).
 * @param {NodeJS.Platform} platform
 */
export function executableFor(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The download host @electron/get will use (its mirror settings, most specific first).
 * @param {NodeJS.ProcessEnv} env
 */
export function downloadBase(env) {
  return (
    env.npm_config_electron_mirror ||
    env.NPM_CONFIG_ELECTRON_MIRROR ||
    env.npm_package_config_electron_mirror ||
    env.ELECTRON_MIRROR ||
    'https://github.com/electron/electron/releases/download/'
  );
}

/**
 * Whether downloads go through a proxy our own probe would not use (Node's fetch ignores
 * proxy variables; @electron/get honours them with ELECTRON_GET_USE_PROXY).
 * @param {NodeJS.ProcessEnv} env
 */
export function usesProxy(env) {
  return Boolean(
    env.ELECTRON_GET_USE_PROXY ||
    env.GLOBAL_AGENT_HTTPS_PROXY ||
    env.HTTPS_PROXY ||
    env.https_proxy ||
    env.HTTP_PROXY ||
    env.http_proxy,
  );
}

/**
 * @typedef {object} DownloadLimits
 * @property {number} probeMs     how long the download host gets to answer at all
 * @property {number} graceMs     how long the installer may go on once the host did not answer
 *                                (it may still be unpacking a cached copy)
 * @property {number} downloadMs  the whole download, once the host did answer
 */

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {DownloadLimits}
 */
export function downloadLimits(env) {
  const number = (/** @type {string | undefined} */ value, /** @type {number} */ fallback) => {
    const parsed = Number(value);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  return {
    probeMs: number(env.PORTSIDE_ELECTRON_PROBE_TIMEOUT_MS, 10_000),
    graceMs: number(env.PORTSIDE_ELECTRON_INSTALL_GRACE_MS, 20_000),
    downloadMs: number(env.PORTSIDE_ELECTRON_DOWNLOAD_TIMEOUT_MS, 10 * 60_000),
  };
}

/**
 * Asks the download host for anything at all: an HTTP answer of any status means it is
 * reachable. Resolves to null when it is, else to why not.
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<string | null>}
 */
export async function probeHost(url, timeoutMs) {
  try {
    // Through globalThis: fetch and AbortSignal are Node globals this ESLint config does
    // not declare for scripts.
    const response = await globalThis.fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      signal: globalThis.AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return null;
  } catch (error) {
    const host = hostOf(url);
    if (error instanceof Error && error.name === 'TimeoutError') {
      return `${host} did not answer within ${seconds(timeoutMs)}`;
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = /** @type {{ code?: unknown }} */ (cause).code;
    return `${host} is not reachable (${typeof code === 'string' ? code : String(cause)})`;
  }
}

/**
 * Runs Electron's own installer (node_modules/electron/install.js) with time limits: the
 * download host must answer within `probeMs`; if it does not, the installer gets `graceMs`
 * more (enough to unpack a cached copy) and is then stopped. If the host answers, the
 * installer gets `downloadMs` in all. Resolves to null on success, else to why it failed.
 * @param {ElectronRuntime} runtime
 * @param {NodeJS.ProcessEnv} env
 * @param {DownloadLimits} limits
 * @returns {Promise<string | null>}
 */
export async function installElectron(runtime, env, limits) {
  const child = spawn(process.execPath, [join(runtime.packageDir, 'install.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (/** @type {Buffer} */ chunk) => {
    output = (output + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  /** @type {string | null} */
  let stoppedBecause = null;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const stopAfter = (/** @type {number} */ ms, /** @type {string} */ reason) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stoppedBecause = reason;
      child.kill();
    }, ms);
  };

  const exited = new Promise((resolve) => {
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('exit', (code) => resolve({ code, error: null }));
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });

  stopAfter(limits.downloadMs, `the download did not finish within ${minutes(limits.downloadMs)}`);
  // Behind a proxy our probe would go another way than the installer: rely on the limit.
  const probe = usesProxy(env)
    ? Promise.resolve(null)
    : probeHost(downloadBase(env), limits.probeMs).then((unreachable) => {
        if (unreachable !== null && !done) stopAfter(limits.graceMs, unreachable);
        return unreachable;
      });
  const { code, error } = /** @type {{ code: number | null, error: Error | null }} */ (
    await exited
  );
  clearTimeout(timer);
  if (stoppedBecause !== null) return stoppedBecause;
  if (code === 0 && error === null && existsSync(runtime.binary)) return null;
  // The probe says why in words a person can act on ("github.com is not reachable
  // (ENOTFOUND)"); the installer's own last words ("fetch failed") come second.
  const unreachable = await probe;
  return (
    unreachable ??
    error?.message ??
    firstErrorLine(output) ??
    `the installer exited with code ${code}`
  );
}

/**
 * The line that says what went wrong in the installer's output (not its stack trace).
 * @param {string} output
 */
export function firstErrorLine(output) {
  return (
    output
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('at ')) ?? null
  );
}

/**
 * The one paragraph `npm start` prints when the runtime is missing.
 * @param {{ version: string, platform: string, arch: string, reason: string, env: NodeJS.ProcessEnv }} details
 */
export function electronMissingMessage({ version, platform, arch, reason, env }) {
  return wrap(
    `Portside cannot open its desktop window: the Electron runtime (Electron ${version} for ` +
      `${platform}-${arch}) is not installed, and downloading it failed: ${reason}. npm ` +
      `installs only Electron's small npm package; the runtime itself is fetched from ` +
      `${hostOf(downloadBase(env))}, not from the npm registry, on first launch, and that ` +
      `download is not reachable from here. Run \`npm run web\` instead: it serves the same ` +
      `app, on the same services, to your browser at http://127.0.0.1. For the desktop app, ` +
      `run \`npm start\` where the download is reachable, or set ELECTRON_MIRROR to a mirror ` +
      `that is.`,
  );
}

/** The message when the electron package itself is absent (npm install not run). */
export function electronPackageMissingMessage() {
  return wrap(
    'Portside cannot open its desktop window: the electron package is not installed. Run ' +
      '`npm install` first, or run `npm run web` to use the same app in your browser.',
  );
}

/**
 * Linux needs an X11 or Wayland display for a window.
 * @param {NodeJS.Platform} platform
 * @param {NodeJS.ProcessEnv} env
 */
export function lacksDisplay(platform, env) {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

export function noDisplayMessage() {
  return wrap(
    'Portside cannot open its desktop window: there is no graphical display here (neither ' +
      'DISPLAY nor WAYLAND_DISPLAY is set, as in an SSH session or on a server). Run ' +
      '`npm run web` to use the same app in a browser, or start Portside under a display ' +
      '(for example with xvfb-run).',
  );
}

/**
 * Wraps a paragraph for an 88-column terminal (single line breaks: still one paragraph).
 * A `quoted command` is never split, so it can be copied as it stands.
 * @param {string} text
 * @param {number} width
 */
export function wrap(text, width = 88) {
  const lines = [];
  let line = '';
  for (const word of text.match(/\S*`[^`]*`\S*|\S+/g) ?? []) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** @param {string} url */
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** @param {number} ms */
function seconds(ms) {
  return `${ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000)} s`;
}

/** @param {number} ms */
function minutes(ms) {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : seconds(ms);
}
