import { parseArgs } from 'node:util';

export const WORKLOADS = [
  'download',
  'download-null',
  'upload',
  'tree-download',
  'tree-upload',
  'parse',
  'tls-download',
] as const;
export type Workload = (typeof WORKLOADS)[number];

export const BENCH_USAGE = `Usage: npm run bench -- [options]

Runs Portside's CLI, curl and lftp on the same work against vsftpd on 127.0.0.1, in
alternating order, and prints medians, ratios (Portside / reference) and peak RSS.

Options:
  --size SIZE        Size of the big file (default 1G; K, M, G suffixes, powers of 1024)
  --files N          Files in the small-file tree (default 1000, 4 KiB each)
  --rounds N         Runs of each client per workload (default 5)
  --only LIST        Comma-separated workloads (default: all):
                     ${WORKLOADS.join(', ')}
  --parse-lines N    Lines of the LIST and MLSD listings parsed (default 100000)
  --json             Print the results as JSON instead of a table
  --json-out FILE    Also write the JSON to FILE (with the table on standard output)
  --serve            Start the server with the data, print each client's command line,
                     and wait (Ctrl+C stops): for profiling one client by hand
  -h, --help         Show this help
`;

export interface BenchOptions {
  readonly size: number;
  readonly files: number;
  readonly rounds: number;
  readonly workloads: readonly Workload[];
  readonly parseLines: number;
  readonly json: boolean;
  readonly jsonOut: string | undefined;
  readonly serve: boolean;
  readonly help: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      size: { type: 'string', default: '1G' },
      files: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '5' },
      only: { type: 'string' },
      'parse-lines': { type: 'string', default: '100000' },
      json: { type: 'boolean', default: false },
      'json-out': { type: 'string' },
      serve: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const workloads =
    values.only === undefined ? [...WORKLOADS] : values.only.split(',').map((w) => w.trim());
  for (const w of workloads) {
    if (!(WORKLOADS as readonly string[]).includes(w))
      throw new Error(`Unknown workload "${w}"; choose from ${WORKLOADS.join(', ')}`);
  }
  return {
    size: parseSize(values.size),
    files: positiveInteger('--files', values.files),
    rounds: positiveInteger('--rounds', values.rounds),
    workloads: workloads as Workload[],
    parseLines: positiveInteger('--parse-lines', values['parse-lines']),
    json: values.json,
    jsonOut: values['json-out'],
    serve: values.serve,
    help: values.help,
  };
}

/** `1G`, `64M`, `512K`, `4096`: powers of 1024, as dd and curl read them. */
export function parseSize(text: string): number {
  const match = /^(\d+)([KMG]?)i?B?$/i.exec(text.trim());
  if (match === null) throw new Error(`--size must look like 1G, 64M or 4096, not "${text}"`);
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(match[2] ?? '').toUpperCase()];
  const size = Number(match[1]) * (unit ?? 1);
  if (size < 1) throw new Error('--size must be at least 1 byte');
  return size;
}

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return n;
}
