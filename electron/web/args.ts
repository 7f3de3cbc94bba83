import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const WEB_USAGE = `Usage: portside-web [options] [ftp://user@host:port/path]

Serves Portside to a browser on this computer only (127.0.0.1), behind a token that
changes at every start. Open the address it prints. With an ftp:// or ftps:// link, the
page opens with Quickconnect filled from it and asks before connecting (a password in
the link is not used).

Options:
  --port N            Port to listen on (default 0: a free port)
  --user-data DIR     Where settings and sites are kept
                      (default: ${defaultUserDataDir(process.platform, process.env, '~')})
  --renderer DIR      The built user interface (default: dist/renderer)
  -h, --help          Show this help
`;

export interface WebArgs {
  readonly port: number;
  readonly userDataDir: string | undefined;
  readonly rendererDir: string | undefined;
  /** An ftp:// or ftps:// link to offer in Quickconnect (checked by the caller). */
  readonly link: string | undefined;
  readonly help: boolean;
}

/** Throws an Error whose message says what to fix. */
export function parseWebArgs(argv: readonly string[]): WebArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      'user-data': { type: 'string' },
      renderer: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.port?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error('--port must be a whole number from 0 to 65535 (0: a free port)');
  }
  const [link, ...extra] = positionals;
  if (extra.length > 0 || (link !== undefined && !/^ftps?:\/\//i.test(link))) {
    throw new Error('the only operand is one ftp:// or ftps:// link');
  }
  return {
    port,
    userDataDir: nonEmpty(values['user-data'], '--user-data'),
    rendererDir: nonEmpty(values.renderer, '--renderer'),
    link,
    help: values.help === true,
  };
}

/**
 * Each OS's place for per-user application data. The browser host keeps its own folder
 * (`portside-web`), apart from the Electron app's, so the two never write one file at once.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string = homedir(),
): string {
  const name = 'portside-web';
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name);
    case 'darwin':
      return join(home, 'Library', 'Application Support', name);
    default:
      // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
      return join(
        env.XDG_CONFIG_HOME?.startsWith('/') === true ? env.XDG_CONFIG_HOME : join(home, '.config'),
        name,
      );
  }
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new Error(`${flag} needs a folder`);
  return value;
}
