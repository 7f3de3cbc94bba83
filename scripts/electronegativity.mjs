// `npm run security:electron` (issue 9 item 32): electronegativity over the code that
// configures Electron, failing the run on any finding.
//
// Why a wrapper instead of `npx electronegativity -i <dir>`:
// - the CLI exits 0 whatever it finds, so CI would never fail;
// - it fetches translations and Electron's release list from the internet on every run,
//   which these build machines do not have: here its HTTP client is replaced by one that
//   fails at once, so nothing leaves the machine (the English messages ship with it);
// - it cannot skip files, and the tests' stand-in windows and sample headers are not the
//   app: the scan gets a copy of the shipped sources only.
//
// What is scanned: electron/main (the shell), electron/preload, electron/shell-policy (the
// window options, CSP, navigation and IPC rules it applies) and renderer/index.html (the
// page's own CSP). Findings are reviewed in place with `// eng-disable CHECK_ID` plus a
// comment saying why; the checks left out below are listed with their reason.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

// `--root <folder>` scans another tree laid out like this one (the script's own test uses it).
const rootFlag = process.argv.indexOf('--root');
const projectRoot =
  rootFlag === -1
    ? fileURLToPath(new URL('..', import.meta.url))
    : (process.argv[rootFlag + 1] ?? '.');
const SCANNED = ['electron/main', 'electron/preload', 'electron/shell-policy'];
const SCANNED_FILES = ['renderer/index.html'];

/** Checks left out, each with the reason. */
const EXCLUDED = {
  // Compares the Electron version with the release list on GitHub: needs the internet.
  // Electron updates are the dependency updates' job (npm outdated / audit), not this scan's.
  AvailableSecurityFixesGlobalCheck: 'needs the internet',
};

const require = createRequire(import.meta.url);
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity/package.json'));

function stayOffline() {
  const offline = () => Promise.reject(new Error('offline: Portside scans without the network'));
  offline.head = offline;
  const gotPath = toolRequire.resolve('got');
  // A pre-filled module cache entry: require('got') inside the tool gets this instead.
  require.cache[gotPath] = /** @type {NodeJS.Module} */ (
    /** @type {unknown} */ ({
      id: gotPath,
      filename: gotPath,
      loaded: true,
      exports: Object.assign(offline, { default: offline }),
    })
  );
}

function copyShippedSources() {
  const folder = mkdtempSync(join(tmpdir(), 'portside-electronegativity-'));
  for (const dir of SCANNED) {
    cpSync(join(projectRoot, dir), join(folder, dir), {
      recursive: true,
      filter: (source) => !/\.test\.tsx?$/.test(source),
    });
  }
  for (const file of SCANNED_FILES) cpSync(join(projectRoot, file), join(folder, file));
  return folder;
}

/**
 * What the tool's runner returns when called without its CLI.
 * @typedef {{ readonly name: string }} Level
 * @typedef {{ file: string, message: string, tolerable: boolean }} ScanError
 * @typedef {{ id: string, file: string, description: string, severity: Level,
 *   confidence: Level, location: { line: number, column: number } }} Finding
 * @typedef {{ globalChecks: number, atomicChecks: number, errors: ScanError[],
 *   issues: Finding[] }} ScanResult
 */

/** @returns {Promise<number>} the exit code */
async function main() {
  stayOffline();
  const electronVersion = JSON.parse(
    readFileSync(require.resolve('electron/package.json'), 'utf8'),
  ).version;
  const loaded = toolRequire('./dist/runner.js');
  const run = loaded.default ?? loaded;
  const folder = copyShippedSources();
  // Its messages go through console.log while it works; keep the output to our report.
  const log = console.log;
  console.log = () => {};
  /** @type {ScanResult} */
  let result;
  try {
    result = await run(
      {
        input: folder,
        isRelative: true,
        customScan: [],
        excludeFromScan: Object.keys(EXCLUDED),
        parserPlugins: [],
        electronVersionOverride: electronVersion,
      },
      false,
    );
  } finally {
    console.log = log;
    rmSync(folder, { recursive: true, force: true });
  }
  const checks = result.globalChecks + result.atomicChecks;
  const broken = result.errors.filter((error) => !error.tolerable);
  for (const error of broken) console.error(`could not parse ${error.file}: ${error.message}`);
  for (const issue of result.issues) {
    console.error(
      `${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ` +
        `${issue.file}:${issue.location.line}:${issue.location.column} ${issue.description}`,
    );
  }
  // A scan that ran no checks found nothing by accident: that is a failure too.
  if (checks === 0 || broken.length > 0 || result.issues.length > 0) {
    console.error(`electronegativity: ${result.issues.length} finding(s); see above.`);
    return 1;
  }
  console.log(
    `electronegativity ${toolRequire('./package.json').version}: ${checks} checks over ` +
      `${SCANNED.concat(SCANNED_FILES).join(', ')} (Electron ${electronVersion}), no findings. ` +
      `Left out: ${Object.entries(EXCLUDED)
        .map(([id, why]) => `${id} (${why})`)
        .join('; ')}.`,
  );
  return 0;
}

process.exitCode = await main();
