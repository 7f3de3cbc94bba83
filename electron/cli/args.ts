import { parseArgs } from 'node:util';

export const USAGE = `Usage: portside <command> [options]

Commands:
  ls URL                    List a remote folder
  get URL LOCAL             Download a file (to LOCAL, into LOCAL if it is a folder, or
                            to standard output if LOCAL is -)
  get -r URL LOCALDIR       Download a folder recursively
  put LOCAL URL             Upload a file (a URL ending in / names the target folder)
  put -r LOCALDIR URL       Upload a folder recursively
  rm URL                    Delete a remote file
  mkdir URL                 Create a remote folder
  rmdir URL                 Remove an empty remote folder
  mv URL NEWPATH            Rename or move a remote file or folder (NEWPATH is a path on
                            the same server, relative to the login folder like URL paths)
  doctor URL                Diagnose the connection step by step (DNS, port, TLS, login,
                            data connections, listing, connection limit) and print a report
                            with recommended settings; exits 1 when the server cannot be used

URL: ftp://[user[:password]@]host[:port]/path or ftps://… (implicit TLS, port 990).
The path is relative to the login folder; start it with %2F for an absolute path.

Options:
  --passive | --active      Data connection mode (default: passive)
  --tls auto|explicit|implicit|none
                            auto (default): explicit TLS when the server offers it;
                            explicit and implicit require TLS
  --ca FILE                 Trust the PEM certificate(s) in FILE
  --connections N           Parallel connections for -r transfers (default 1, max 10)
  -c, --continue            Resume a partial download or upload
  -r, --recursive           Transfer folders recursively
  --timeout SECONDS         Connect, reply and data timeout (default 20)
  --log                     Print the Status/Command/Response log on stderr
  -h, --help                Show this help
`;

export interface CliOptions {
  readonly command: string;
  readonly operands: readonly string[];
  readonly mode: 'passive' | 'active';
  /** --passive or --active was given (the doctor then diagnoses that mode as the site's). */
  readonly modeGiven: boolean;
  readonly tls: 'auto' | 'explicit' | 'implicit' | 'none' | undefined;
  readonly ca: string | undefined;
  readonly connections: number;
  readonly resume: boolean;
  readonly recursive: boolean;
  readonly timeoutMs: number | undefined;
  readonly log: boolean;
  readonly help: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      passive: { type: 'boolean' },
      active: { type: 'boolean' },
      tls: { type: 'string' },
      ca: { type: 'string' },
      connections: { type: 'string' },
      continue: { type: 'boolean', short: 'c' },
      recursive: { type: 'boolean', short: 'r' },
      timeout: { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.passive === true && values.active === true)
    throw new Error('Choose one of --passive and --active');
  const tls = values.tls;
  if (tls !== undefined && !['auto', 'explicit', 'implicit', 'none'].includes(tls)) {
    throw new Error(`--tls must be auto, explicit, implicit or none, not "${tls}"`);
  }
  const connections = values.connections === undefined ? 1 : Number(values.connections);
  if (!Number.isInteger(connections) || connections < 1 || connections > 10) {
    throw new Error('--connections must be a whole number from 1 to 10');
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0))
    throw new Error('--timeout must be a positive number of seconds');
  const [command = '', ...operands] = positionals;
  return {
    command,
    operands,
    mode: values.active === true ? 'active' : 'passive',
    modeGiven: values.active === true || values.passive === true,
    tls: tls as CliOptions['tls'],
    ca: values.ca,
    connections,
    resume: values.continue === true,
    recursive: values.recursive === true,
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    log: values.log === true,
    help: values.help === true,
  };
}
