// `npm run bench` end to end with tiny sizes: every workload runs against real vsftpd with
// Portside's CLI, curl and lftp, and the JSON report has a row for each. It checks the
// report's structure and the work done, never the times (DESIGN.md: tests assert no
// wall-clock figures).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_PATH } from '../../electron/test-support/run-cli.js';
import { realServersRun } from '../servers/availability.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH = fileURLToPath(new URL('../../dist/bench/bench.mjs', import.meta.url));
const run = await realServersRun();

interface Report {
  transfers: {
    workload: string;
    variant: string;
    bytes: number;
    clients: {
      client: string;
      runsSeconds: number[];
      failures: string[];
      portsideRatio?: number;
      peakRssBytes: number;
      medianCpuSeconds: number;
    }[];
  }[];
  parsing: { format: string; entries: number; entriesPerSecond: number }[];
}

function bench(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BENCH, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`bench failed: ${stderr}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

describe.skipIf(!run)('npm run bench (smoke, tiny sizes)', () => {
  it('runs every workload with every client and reports each row', async () => {
    if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run "npm run build" first`);
    // Bundles the current bench source (fast: esbuild, no type check).
    execFileSync(process.execPath, ['scripts/build-bench.mjs'], { cwd: ROOT });
    const report = JSON.parse(
      await bench([
        '--size',
        '256K',
        '--files',
        '12',
        '--rounds',
        '2',
        '--parse-lines',
        '500',
        '--json',
      ]),
    ) as Report;

    const rows = report.transfers.map(
      (t) => `${t.workload} | ${t.variant} | ${t.clients.map((c) => c.client).join(',')}`,
    );
    expect(rows).toEqual([
      'download | to disk | portside,curl,lftp',
      'download-null | to /dev/null | portside,curl,lftp',
      'upload | from disk | portside,curl,lftp',
      'tree-download | 1 connection | portside,lftp',
      'tree-download | 4 connections | portside,lftp',
      'tree-upload | 1 connection | portside,lftp',
      'tree-upload | 4 connections | portside,lftp',
      'tls-download | explicit TLS, PROT P, to /dev/null | portside,curl,lftp',
    ]);
    for (const t of report.transfers) {
      expect(t.bytes).toBe(t.workload.startsWith('tree') ? 12 * 4096 : 256 * 1024);
      for (const c of t.clients) {
        expect(c.failures, `${t.workload} ${c.client}`).toEqual([]);
        expect(c.runsSeconds).toHaveLength(2);
        expect(c.peakRssBytes).toBeGreaterThan(0);
        expect(c.medianCpuSeconds).toBeGreaterThanOrEqual(0);
        // A ratio for each reference client, none for Portside itself.
        expect(c.portsideRatio === undefined).toBe(c.client === 'portside');
      }
    }
    expect(report.parsing.map((p) => [p.format, p.entries])).toEqual([
      ['unix LIST', 500],
      ['MLSD', 500],
    ]);
  }, 120_000);

  it('prints the table with one line per client and per parser', async () => {
    const text = await bench([
      '--size',
      '64K',
      '--files',
      '4',
      '--rounds',
      '1',
      '--only',
      'download,parse',
      '--parse-lines',
      '100',
    ]);
    expect(text).toMatch(
      /^workload +variant +client +median s +MiB\/s +Portside\/ref +CPU s +peak RSS MiB$/m,
    );
    expect(text).toMatch(/^download +to disk +portside +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
    expect(text).toMatch(/^ +curl +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
    expect(text).toMatch(/^ +lftp +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+$/m);
    expect(text).toMatch(/^parse +unix LIST +100 /m);
    expect(text).toMatch(/^parse +MLSD +100 /m);
  }, 60_000);
});
