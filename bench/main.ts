// `npm run bench`: Portside's CLI against curl and lftp on the same work, on one vsftpd on
// 127.0.0.1, in the same run (issue 8). See BENCH_USAGE for the options and README.md
// (Performance) for how to read the table.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../e2e/servers/ftp-servers.js';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions, type Workload } from './args.js';
import { writeBigFile, writeTrees } from './data.js';
import { benchParsers, median } from './parse-bench.js';
import { formatTable, type BenchReport, type ClientResult, type VariantResult } from './report.js';
import { measure, missingTools } from './runner.js';
import { variantsOf, type BenchTarget, type Variant } from './workloads.js';

async function main(argv: readonly string[]): Promise<void> {
  const options = parseBenchArgs(argv);
  if (options.help) {
    process.stdout.write(BENCH_USAGE);
    return;
  }
  const transfers = options.workloads.filter((w): w is Exclude<Workload, 'parse'> => w !== 'parse');
  const machine = describeMachine();
  const parsing = options.workloads.includes('parse')
    ? benchParsers(options.parseLines, Math.max(options.rounds, 5))
    : [];
  const results: VariantResult[] = [];
  if (transfers.length > 0) {
    const missing = missingTools();
    if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}`);
    const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cli/portside.mjs');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'portside-bench-'));
    // TLS is offered but not required, so the plain runs stay plain; session reuse is not
    // required either, so a client is never measured against a refusal it would retry.
    const server = await startServer('vsftpd', {
      password: `bench${Date.now()}`,
      implicitTls: false,
      requireSslReuse: false,
      passivePortCount: 62,
    });
    try {
      const target = await prepare(server, scratch, cli, options);
      if (options.serve) {
        await serveUntilInterrupted(transfers, target);
        return;
      }
      for (const workload of transfers) {
        for (const variant of variantsOf(workload, target)) {
          results.push(await runVariant(variant, options.rounds, scratch, options.json));
        }
      }
    } finally {
      await server.stop();
      await rm(scratch, { recursive: true, force: true });
    }
    machine['vsftpd'] = server.version;
  }
  machine['load average after'] = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const report: BenchReport = {
    machine,
    options: { ...options, workloads: options.workloads.join(',') },
    transfers: results,
    parsing,
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.jsonOut !== undefined) await writeFile(options.jsonOut, json);
  process.stdout.write(options.json ? json : formatTable(report));
  const failed = results.flatMap((v) => v.clients.filter((c) => c.failures.length > 0));
  if (failed.length > 0) {
    process.stderr.write(`bench: ${failed.length} client(s) failed some runs (see "failures")\n`);
    process.exitCode = 1;
  }
}

async function prepare(
  server: RunningServer,
  scratch: string,
  cli: string,
  options: BenchOptions,
): Promise<BenchTarget> {
  const localTree = path.join(scratch, 'tree-source');
  await mkdir(localTree);
  await writeBigFile(server, 'big.bin', options.size);
  await writeTrees(server, 'tree', localTree, options.files);
  await server.mkdir('up');
  await server.mkdir('up-tree');
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    caFile: server.caFile,
    serverRoot: server.root,
    cli,
    scratch,
    bigName: 'big.bin',
    bigSize: options.size,
    treeName: 'tree',
    localTree,
    treeFiles: options.files,
  };
}

/**
 * Runs every client of a variant once per round. The order rotates each round (A B C,
 * B C A, C A B …), so no client is always the one that runs right after another's disk
 * writes or with the warmest page cache.
 */
async function runVariant(
  variant: Variant,
  rounds: number,
  scratch: string,
  quiet: boolean,
): Promise<VariantResult> {
  const seconds = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const rss = new Map<string, number>();
  const failures = new Map<string, string[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  for (let round = 0; round < rounds; round++) {
    const order = rotate(variant.steps, round);
    for (const step of order) {
      const where = `${variant.workload} (${variant.label}) round ${round + 1}/${rounds} ${step.client}`;
      try {
        const m = await measure(step.argv, scratch);
        await step.verify();
        add(seconds, step.client, m.seconds);
        add(cpu, step.client, m.cpuSeconds);
        rss.set(step.client, Math.max(rss.get(step.client) ?? 0, m.peakRss));
        if (!quiet) process.stderr.write(`  ${where}: ${m.seconds.toFixed(3)} s\n`);
      } catch (error) {
        // A failed run never counts as a fast one: it is left out of the median, named in
        // the report, and makes the whole benchmark exit non-zero; the other runs go on.
        const message = (error instanceof Error ? error.message : String(error)).replace(
          /\s*\n\s*/g,
          ' | ',
        );
        add(failures, step.client, `round ${round + 1}: ${message}`);
        process.stderr.write(`  ${where}: FAILED ${message}\n`);
      } finally {
        await step.cleanup();
      }
    }
  }
  const medianOf = (runs: readonly number[]) => (runs.length === 0 ? null : median(runs));
  const portside = medianOf(seconds.get('portside') ?? []);
  const clients: ClientResult[] = variant.steps.map((s) => {
    const runs = seconds.get(s.client) ?? [];
    const m = medianOf(runs);
    return {
      client: s.client,
      runsSeconds: runs,
      failures: failures.get(s.client) ?? [],
      medianSeconds: m,
      mibPerSecond: m === null ? null : variant.bytes / (1024 * 1024) / m,
      medianCpuSeconds: medianOf(cpu.get(s.client) ?? []),
      peakRssBytes: rss.get(s.client) ?? 0,
      portsideRatio:
        s.client === 'portside' ? undefined : portside === null || m === null ? null : portside / m,
    };
  });
  return { workload: variant.workload, variant: variant.label, bytes: variant.bytes, clients };
}

/** `--serve`: prints every step's command line, shell-quoted, and waits for Ctrl+C. */
async function serveUntilInterrupted(
  workloads: readonly Exclude<Workload, 'parse'>[],
  target: BenchTarget,
): Promise<void> {
  const quote = (arg: string) =>
    /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
  for (const workload of workloads) {
    for (const variant of variantsOf(workload, target)) {
      process.stdout.write(`# ${variant.workload} (${variant.label})\n`);
      for (const s of variant.steps) process.stdout.write(`${s.argv.map(quote).join(' ')}\n`);
    }
  }
  process.stdout.write(`# server root: ${target.serverRoot}; scratch: ${target.scratch}\n`);
  process.stdout.write('# serving until Ctrl+C\n');
  // A signal listener alone does not keep Node running; the timer does.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  clearInterval(keepAlive);
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function describeMachine(): Record<string, string> {
  const cpus = os.cpus();
  const version = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]?.trim() ?? '';
    } catch {
      return 'not found';
    }
  };
  return {
    date: new Date().toISOString(),
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    curl: version('curl', ['--version']),
    lftp: version('lftp', ['--version']),
    'load average before': os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
