// `npm start`: make sure the Electron runtime is there (fetching it on first launch, within
// time limits), build, and launch the desktop app. Where the runtime cannot be had, say so
// in one paragraph and point to `npm run web`; exit non-zero.
//
// The runtime is checked before building: a build takes a while and is of no use when
// there is nothing to launch it with. PORTSIDE_SKIP_BUILD=1 skips the build (the tests of
// this script use it; so can someone who just ran `npm run build`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath, URL } from 'node:url';
import {
  downloadLimits,
  electronMissingMessage,
  electronPackageMissingMessage,
  installElectron,
  lacksDisplay,
  locateElectron,
  noDisplayMessage,
} from './electron-runtime.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** @returns {Promise<number>} the exit code */
async function start() {
  const env = process.env;
  const runtime = locateElectron(env);
  if (runtime === null) return explain(electronPackageMissingMessage());
  if (!existsSync(runtime.binary)) {
    console.log(`Fetching the Electron ${runtime.version} runtime (first launch only)…`);
    const failure = await installElectron(runtime, env, downloadLimits(env));
    if (failure !== null || !existsSync(runtime.binary)) {
      return explain(
        electronMissingMessage({
          version: runtime.version,
          platform: process.platform,
          arch: process.arch,
          reason: failure ?? 'the installer finished but the executable is not there',
          env,
        }),
      );
    }
  }
  if (lacksDisplay(process.platform, env)) return explain(noDisplayMessage());

  if (env.PORTSIDE_SKIP_BUILD !== '1') {
    const built = await run(...npmRunBuild());
    if (built !== 0) return built;
  }

  // ELECTRON_RUN_AS_NODE would make the binary behave as plain Node and ignore the app.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...electronEnv } = env;
  return run(runtime.binary, [projectRoot, ...process.argv.slice(2)], electronEnv);
}

/** @param {string} paragraph */
function explain(paragraph) {
  console.error(paragraph);
  return 1;
}

/**
 * `npm run build` through the npm that started us (npm_execpath), so it works on Windows
 * without a shell; plain `npm` when run directly with node.
 * @returns {[string, string[]]}
 */
function npmRunBuild() {
  const npm = process.env.npm_execpath;
  return npm
    ? [process.execPath, [npm, 'run', 'build']]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']];
}

/**
 * Runs a command with our terminal, passes Ctrl+C and termination on, and resolves to its
 * exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit' });
    const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      // A child killed by a signal exits the way a shell reports it: 128 + signal number.
      resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}

process.exitCode = await start();
