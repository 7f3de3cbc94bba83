import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * GNU time (Debian package `time`): %M is the peak RSS of the command it runs, in KiB;
 * %U and %S its user and system CPU seconds.
 */
export const GNU_TIME = '/usr/bin/time';

export interface Measurement {
  readonly seconds: number;
  /** Peak resident set size of the client process, in bytes. */
  readonly peakRss: number;
  /**
   * User plus system CPU time of the client process, in seconds: less sensitive than the
   * wall clock to other work on a busy machine, so it shows where a client spends effort.
   */
  readonly cpuSeconds: number;
}

/**
 * Runs one client process to completion under GNU time and measures its wall-clock time
 * from spawn to exit, so every client pays its own start-up (Node's included), as a user
 * running it from a shell would. Standard output goes to /dev/null; a failure throws with
 * the client's standard error, because a failed run must never count as a fast one.
 */
export async function measure(argv: readonly string[], scratch: string): Promise<Measurement> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('empty command');
  const rssFile = path.join(scratch, `rss-${process.pid}-${Date.now()}.txt`);
  const devNull = openSync('/dev/null', 'w');
  let stderr = '';
  try {
    const started = process.hrtime.bigint();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args], {
        stdio: ['ignore', devNull, 'pipe'],
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        if (stderr.length < 64 * 1024) stderr += text;
      });
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) {
      throw new Error(
        `${path.basename(command)} failed (exit ${String(code)}): ${args.join(' ')}\n${stderr.trim()}`,
      );
    }
    // GNU time writes "Command exited with non-zero status" first when it fails: last line.
    const last = (await readFile(rssFile, 'utf8')).trim().split('\n').pop() ?? '';
    const [kib, user, system] = last.split(' ').map(Number);
    if (
      kib === undefined ||
      user === undefined ||
      system === undefined ||
      Number.isNaN(kib + user + system)
    )
      throw new Error(`${GNU_TIME} did not report RSS and CPU time: ${last}`);
    return { seconds, peakRss: kib * 1024, cpuSeconds: user + system };
  } finally {
    closeSync(devNull);
    await rm(rssFile, { force: true });
  }
}

/** What the benchmark needs on this machine, with the Debian package for each. */
export function missingTools(): string[] {
  const needed: [string, string][] = [
    [GNU_TIME, 'time'],
    ['/usr/bin/curl', 'curl'],
    ['/usr/bin/lftp', 'lftp'],
  ];
  return needed
    .filter(([file]) => !existsSync(file))
    .map(([file, pkg]) => `${file} (apt-get install ${pkg})`);
}
