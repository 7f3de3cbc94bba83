import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { remoteBasename } from '../../shared/paths/remote-path.js';
import type { FtpClient } from '../ftp/client.js';
import { FtpError } from '../ftp/errors.js';
import { escapeControlCharacters } from '../ftp/log.js';
import { downloadFile, uploadFile } from '../services/file-transfer.js';
import { downloadTree, uploadTree } from '../services/tree-transfer.js';
import { parseCliArgs, USAGE, type CliOptions } from './args.js';
import { connectClients, parseUrlOperand } from './connect.js';
import { formatListing } from './format-listing.js';

/** `portside`: the engine without a window, for scripts and benchmarks. */
async function main(argv: readonly string[]): Promise<number> {
  const options = parseCliArgs(argv);
  if (options.help || options.command === '') {
    process.stdout.write(USAGE);
    return options.help ? 0 : 2;
  }
  const command = commands[options.command];
  if (command === undefined)
    throw new FtpError(
      'invalid-argument',
      `Unknown command "${options.command}" (see portside --help)`,
    );
  return command(options);
}

type Command = (options: CliOptions) => Promise<number>;

const commands: Record<string, Command> = {
  // Loaded on use: the doctor brings the shared zod schemas, about 0.7 MB of the bundle,
  // whose evaluation every `get` and `put` paid for at start-up (issue 8).
  doctor: async (options) => (await import('./doctor-command.js')).doctorCommand(options),
  ls: (options) =>
    withClients(options, options.operands[0], 1, async ([client], url) => {
      const listing = await client.list(url.path === '' ? undefined : url.path);
      process.stdout.write(formatListing(listing.entries));
    }),
  get: (options) => {
    const [source, target = '.'] = options.operands;
    if (options.recursive) {
      return withClients(options, source, options.connections, async (clients, url) => {
        await downloadTree(clients, url.path === '' ? '.' : url.path, target, {
          onSkip: (path) => warn(`skipped ${path} (symbolic link or special file)`),
        });
      });
    }
    return withClients(options, source, 1, async ([client], url) => {
      // `-` streams to standard output (pipes, and /dev/null in the benchmarks): a device
      // cannot take the partial-file-then-rename path that protects a real file.
      if (target === '-') {
        await client.download(url.path, process.stdout);
        return;
      }
      const isFolder = await stat(target).then(
        (s) => s.isDirectory(),
        () => false,
      );
      const local = isFolder ? join(target, remoteBasename(url.path)) : target;
      await downloadFile(client, url.path, local, { resume: options.resume });
    });
  },
  put: (options) => {
    const [source, target] = options.operands;
    if (source === undefined) throw new FtpError('invalid-argument', 'A local file is missing');
    if (options.recursive) {
      return withClients(options, target, options.connections, async (clients, url) => {
        await uploadTree(clients, source, url.path === '' ? basename(source) : url.path, {
          onSkip: (path) => warn(`skipped ${path} (symbolic link or special file)`),
        });
      });
    }
    return withClients(options, target, 1, async ([client], url) => {
      const remote = url.isFolder
        ? `${url.path}${url.path === '' || url.path.endsWith('/') ? '' : '/'}${basename(source)}`
        : url.path;
      await uploadFile(client, source, remote, { resume: options.resume });
    });
  },
  rm: (options) =>
    withClients(options, options.operands[0], 1, ([client], url) => client.remove(url.path)),
  mkdir: (options) =>
    withClients(options, options.operands[0], 1, ([client], url) => client.mkdir(url.path)),
  rmdir: (options) =>
    withClients(options, options.operands[0], 1, ([client], url) => client.rmdir(url.path)),
  mv: (options) => {
    const [source, to] = options.operands;
    if (to === undefined || to === '')
      throw new FtpError('invalid-argument', 'The new name is missing (portside mv URL NEWPATH)');
    return withClients(options, source, 1, ([client], url) => client.rename(url.path, to));
  },
};

async function withClients(
  options: CliOptions,
  urlText: string | undefined,
  count: number,
  work: (
    clients: [FtpClient, ...FtpClient[]],
    url: ReturnType<typeof parseUrlOperand>,
  ) => Promise<void>,
): Promise<number> {
  const url = parseUrlOperand(urlText);
  const clients = (await connectClients(url, options, count)) as [FtpClient, ...FtpClient[]];
  try {
    await work(clients, url);
  } finally {
    await Promise.all(clients.map((client) => client.quit()));
  }
  return 0;
}

function warn(message: string): void {
  process.stderr.write(`portside: ${escapeControlCharacters(message)}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    warn(message);
    process.exitCode = error instanceof FtpError && error.code === 'invalid-argument' ? 2 : 1;
  },
);
