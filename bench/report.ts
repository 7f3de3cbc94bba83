import type { ParseResult } from './parse-bench.js';
import type { ClientName } from './workloads.js';

export interface ClientResult {
  readonly client: ClientName;
  /** Wall-clock seconds of the runs that succeeded. */
  readonly runsSeconds: readonly number[];
  /** Why the other runs failed (they count in no figure). */
  readonly failures: readonly string[];
  /** null when no run succeeded. */
  readonly medianSeconds: number | null;
  readonly mibPerSecond: number | null;
  /** Median CPU time (user + system) of the runs, in seconds. */
  readonly medianCpuSeconds: number | null;
  /** The highest peak RSS over the runs, in bytes. */
  readonly peakRssBytes: number;
  /**
   * Portside's median divided by this client's (below 1: Portside is faster); undefined on
   * Portside's own row, null when either side has no successful run.
   */
  readonly portsideRatio: number | null | undefined;
}

export interface VariantResult {
  readonly workload: string;
  readonly variant: string;
  readonly bytes: number;
  readonly clients: readonly ClientResult[];
}

export interface BenchReport {
  readonly machine: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, unknown>>;
  readonly transfers: readonly VariantResult[];
  readonly parsing: readonly ParseResult[];
}

const MIB = 1024 * 1024;

/** The table printed without --json: one row per client, Portside first in each variant. */
export function formatTable(report: BenchReport): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(report.machine)) lines.push(`${key}: ${value}`);
  lines.push('');
  const header = [
    'workload',
    'variant',
    'client',
    'median s',
    'MiB/s',
    'Portside/ref',
    'CPU s',
    'peak RSS MiB',
  ];
  const rows: string[][] = [];
  for (const v of report.transfers) {
    v.clients.forEach((c, i) => {
      rows.push([
        i === 0 ? v.workload : '',
        i === 0 ? v.variant : '',
        c.failures.length > 0 ? `${c.client}*` : c.client,
        fixed(c.medianSeconds, 3, 'failed'),
        fixed(c.mibPerSecond, 1, '-'),
        c.portsideRatio === undefined ? '' : fixed(c.portsideRatio, 2, '-'),
        fixed(c.medianCpuSeconds, 3, '-'),
        (c.peakRssBytes / MIB).toFixed(1),
      ]);
    });
  }
  if (rows.length > 0)
    lines.push(...align([header, ...rows], [false, false, false, true, true, true, true, true]));
  const failures = report.transfers.flatMap((v) =>
    v.clients.flatMap((c) =>
      c.failures.map((f) => `* ${v.workload} (${v.variant}) ${c.client} ${f}`),
    ),
  );
  if (failures.length > 0) lines.push('', 'Failed runs (left out of every figure):', ...failures);
  if (report.parsing.length > 0) {
    lines.push('');
    const parseRows = report.parsing.map((p) => [
      'parse',
      p.format,
      String(p.entries),
      p.medianMs.toFixed(1),
      Math.round(p.entriesPerSecond).toLocaleString('en-US'),
    ]);
    lines.push(
      ...align(
        [['workload', 'format', 'entries', 'median ms', 'entries/s'], ...parseRows],
        [false, false, true, true, true],
      ),
    );
  }
  return lines.join('\n') + '\n';
}

/** A figure, or `missing` when no run of that client succeeded. */
function fixed(value: number | null, digits: number, missing: string): string {
  return value === null ? missing : value.toFixed(digits);
}

function align(rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths =
    rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, col) =>
        right[col] === true ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}
