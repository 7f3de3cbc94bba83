import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../services/create-app-services.js';
import { createLinkRelay } from '../shell-policy/ftp-links.js';
import { defaultUserDataDir, parseWebArgs, WEB_USAGE } from './args.js';
import { chooseSecretStore } from './keyring-secret-store.js';
import { startWebHost } from './web-host.js';

/** How long a clean shutdown may take before the process gives up waiting. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * `npm run web`: the whole app in a browser on this computer. The composition root of the
 * browser host: picks the secret store, builds the services, serves them, and takes them
 * down again on Ctrl+C or SIGTERM.
 */
async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseWebArgs(argv);
  } catch (error) {
    fail(error);
    process.stderr.write(WEB_USAGE);
    return 2;
  }
  if (args.help) {
    process.stdout.write(WEB_USAGE);
    return 0;
  }
  const userDataDir = resolve(
    args.userDataDir ?? defaultUserDataDir(process.platform, process.env),
  );
  // Bundled as dist/web/portside-web.mjs, next to dist/renderer/.
  const rendererDir = resolve(
    args.rendererDir ?? fileURLToPath(new URL('../renderer/', import.meta.url)),
  );
  // An ftp:// link on the command line: the first page that asks gets it (read by the same
  // rules as the desktop app's links: no password, nothing but Quickconnect's fields).
  // The browser host gets no links while it runs, so nothing is ever pushed.
  const links = createLinkRelay(() => undefined);
  if (args.link !== undefined) {
    const outcome = links.open(args.link);
    if (!outcome.ok) {
      fail(outcome.message);
      return 2;
    }
  }
  const secrets = await chooseSecretStore();
  process.stderr.write(`${secrets.description}\n`);

  const host = await startWebHost({
    port: args.port,
    rendererDir,
    createServices: (emit) =>
      createAppServices({
        userDataDir,
        secrets: secrets.store,
        emit,
        takeOpenUrl: () => links.take(),
      }),
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: unknown) => {
    if (isErrno(error, 'EADDRINUSE')) {
      throw new Error(
        `Port ${args.port} is already in use on 127.0.0.1: choose another with --port, or --port 0 for a free one`,
        { cause: error },
      );
    }
    throw error;
  });
  // Exactly one line with the address: people copy it, tests and scripts parse it.
  process.stdout.write(`Portside is running at ${host.url}\n`);
  process.stdout.write('Open it in a browser on this computer. Press Ctrl+C to stop.\n');

  // SIGHUP: the terminal it runs in was closed; the services still deserve a clean exit.
  const signal = await new Promise<NodeJS.Signals>((resolveSignal) => {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, resolveSignal);
  });
  process.stderr.write(`Stopping Portside (${signal})…\n`);
  // A second Ctrl+C, or a shutdown that hangs, ends the process without waiting further.
  process.once('SIGINT', () => process.exit(130));
  setTimeout(() => {
    process.stderr.write('portside-web: shutdown timed out; exiting anyway\n');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await host.close();
  return 0;
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`portside-web: ${message}\n`);
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    fail(error);
    process.exit(1);
  },
);
