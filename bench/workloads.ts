import { readdir, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Workload } from './args.js';

export type ClientName = 'portside' | 'curl' | 'lftp';

/** Where the clients connect and what the data is called there. */
export interface BenchTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly caFile: string;
  /** Server root on disk, to check and remove what the clients uploaded. */
  readonly serverRoot: string;
  /** The built CLI (dist/cli/portside.mjs). */
  readonly cli: string;
  /** Scratch folder for downloads. */
  readonly scratch: string;
  /** The big file's name in the server root, and its size. */
  readonly bigName: string;
  readonly bigSize: number;
  /** The small-file tree's folder in the server root, its local copy, and its file count. */
  readonly treeName: string;
  readonly localTree: string;
  readonly treeFiles: number;
}

/** One client's run of one variant: its command line, and how to check and undo its work. */
export interface Step {
  readonly client: ClientName;
  readonly argv: readonly string[];
  /** Throws when the run did not produce the expected result (outside the timed part). */
  readonly verify: () => Promise<void>;
  /** Removes what the run produced, so the next run starts from the same state. */
  readonly cleanup: () => Promise<void>;
}

export interface Variant {
  readonly workload: Workload;
  /** e.g. `1 connection`, `to /dev/null`. */
  readonly label: string;
  /** Bytes moved by one run (for MiB/s). */
  readonly bytes: number;
  readonly steps: readonly Step[];
}

/** The variants of a workload, each with one step per client that can do it. */
export function variantsOf(workload: Exclude<Workload, 'parse'>, t: BenchTarget): Variant[] {
  const big = t.bigSize;
  const tree = t.treeFiles * 4096;
  switch (workload) {
    case 'download': {
      const out = (client: ClientName) => path.join(t.scratch, `${client}.bin`);
      const check = (client: ClientName) => () => expectSize(out(client), big);
      const clean = (client: ClientName) => () => rm(out(client), { force: true });
      return [
        {
          workload,
          label: 'to disk',
          bytes: big,
          steps: [
            step(
              'portside',
              portside(t, ['get', url(t, t.bigName), out('portside')]),
              check,
              clean,
            ),
            step('curl', curl(t, ['-o', out('curl'), url(t, t.bigName)]), check, clean),
            step('lftp', lftp(t, `get ${t.bigName} -o ${out('lftp')}`), check, clean),
          ],
        },
      ];
    }
    case 'download-null':
      return [
        {
          workload,
          label: 'to /dev/null',
          bytes: big,
          steps: [
            step('portside', portside(t, ['get', url(t, t.bigName), '-']), none, none),
            step('curl', curl(t, ['-o', '/dev/null', url(t, t.bigName)]), none, none),
            step('lftp', lftp(t, `get ${t.bigName} -o /dev/null`), none, none),
          ],
        },
      ];
    case 'tls-download':
      return [
        {
          workload,
          label: 'explicit TLS, PROT P, to /dev/null',
          bytes: big,
          steps: [
            step('portside', portside(t, ['get', url(t, t.bigName), '-'], true), none, none),
            step('curl', curl(t, ['-o', '/dev/null', url(t, t.bigName)], true), none, none),
            step('lftp', lftp(t, `get ${t.bigName} -o /dev/null`, true), none, none),
          ],
        },
      ];
    case 'upload': {
      const remote = (client: ClientName) => `up/${client}.bin`;
      const local = path.join(t.serverRoot, t.bigName);
      const check = (client: ClientName) => () =>
        expectSize(path.join(t.serverRoot, remote(client)), big);
      const clean = (client: ClientName) => () =>
        rm(path.join(t.serverRoot, remote(client)), { force: true });
      return [
        {
          workload,
          label: 'from disk',
          bytes: big,
          steps: [
            step('portside', portside(t, ['put', local, url(t, remote('portside'))]), check, clean),
            step('curl', curl(t, ['-T', local, url(t, remote('curl'))]), check, clean),
            step('lftp', lftp(t, `put ${local} -o ${remote('lftp')}`), check, clean),
          ],
        },
      ];
    }
    case 'tree-download':
      return [1, 4].map((n) => {
        const out = (client: ClientName) => path.join(t.scratch, `tree-${client}`);
        const check = (client: ClientName) => () => expectFiles(out(client), t.treeFiles);
        const clean = (client: ClientName) => () =>
          rm(out(client), { recursive: true, force: true });
        const parallel = n > 1 ? `--parallel=${n} ` : '';
        return {
          workload,
          label: connections(n),
          bytes: tree,
          steps: [
            step(
              'portside',
              portside(t, [
                'get',
                '-r',
                '--connections',
                String(n),
                url(t, t.treeName),
                out('portside'),
              ]),
              check,
              clean,
            ),
            step('lftp', lftp(t, `mirror ${parallel}${t.treeName} ${out('lftp')}`), check, clean),
          ],
        };
      });
    case 'tree-upload':
      return [1, 4].map((n) => {
        const remote = (client: ClientName) => `up-tree/${client}`;
        const onDisk = (client: ClientName) => path.join(t.serverRoot, remote(client));
        const check = (client: ClientName) => () => expectFiles(onDisk(client), t.treeFiles);
        const clean = (client: ClientName) => () =>
          rm(onDisk(client), { recursive: true, force: true });
        const parallel = n > 1 ? `--parallel=${n} ` : '';
        return {
          workload,
          label: connections(n),
          bytes: tree,
          steps: [
            step(
              'portside',
              portside(t, [
                'put',
                '-r',
                '--connections',
                String(n),
                t.localTree,
                url(t, remote('portside')),
              ]),
              check,
              clean,
            ),
            step(
              'lftp',
              lftp(t, `mirror -R ${parallel}${t.localTree} ${remote('lftp')}`),
              check,
              clean,
            ),
          ],
        };
      });
  }
}

function step(
  client: ClientName,
  argv: readonly string[],
  verify: (client: ClientName) => () => Promise<void>,
  cleanup: (client: ClientName) => () => Promise<void>,
): Step {
  return { client, argv, verify: verify(client), cleanup: cleanup(client) };
}

const none = () => async () => undefined;

function connections(n: number): string {
  return n === 1 ? '1 connection' : `${n} connections`;
}

function url(t: BenchTarget, relative: string): string {
  const login = `${encodeURIComponent(t.user)}:${encodeURIComponent(t.password)}`;
  return `ftp://${login}@${t.host}:${t.port}/${relative.split('/').map(encodeURIComponent).join('/')}`;
}

/** Passive mode for every client (each one's default); explicit TLS with the server's CA. */
function portside(t: BenchTarget, args: readonly string[], tls = false): string[] {
  const security = tls ? ['--tls', 'explicit', '--ca', t.caFile] : ['--tls', 'none'];
  return [process.execPath, t.cli, ...args, '--passive', ...security];
}

function curl(t: BenchTarget, args: readonly string[], tls = false): string[] {
  const security = tls ? ['--ssl-reqd', '--cacert', t.caFile] : [];
  return ['curl', '--silent', '--show-error', '--fail', ...security, ...args];
}

/**
 * lftp with its defaults except: no TLS unless asked (it would otherwise upgrade every
 * plain run), fail instead of retrying (a retry would hide a failure in the timing), and
 * overwrite local files (lftp refuses to by default).
 */
function lftp(t: BenchTarget, command: string, tls = false): string[] {
  const security = tls
    ? `set ftp:ssl-force yes; set ftp:ssl-protect-data yes; set ssl:ca-file ${t.caFile}; set ssl:verify-certificate yes`
    : 'set ftp:ssl-allow no';
  const settings = `${security}; set net:max-retries 1; set cmd:fail-exit yes; set xfer:clobber yes`;
  return [
    'lftp',
    '-c',
    `${settings}; open -u ${t.user},${t.password} -p ${t.port} ${t.host}; ${command}`,
  ];
}

async function expectSize(file: string, size: number): Promise<void> {
  const actual = (await stat(file)).size;
  if (actual !== size) throw new Error(`${file} has ${actual} bytes, expected ${size}`);
}

async function expectFiles(folder: string, count: number): Promise<void> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).length;
  if (files !== count) throw new Error(`${folder} holds ${files} files, expected ${count}`);
}
