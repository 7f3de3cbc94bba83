import { readFile } from 'node:fs/promises';
import { parseFtpUrl, type FtpUrl } from '../../shared/url/ftp-url.js';
import { FtpClient } from '../ftp/client.js';
import type { ConnectOptions } from '../ftp/connect-options.js';
import { FtpError } from '../ftp/errors.js';
import { formatLogLine } from '../ftp/log.js';
import type { CliOptions } from './args.js';

export function parseUrlOperand(text: string | undefined): FtpUrl {
  if (text === undefined) throw new FtpError('invalid-argument', 'A URL is missing');
  const parsed = parseFtpUrl(text);
  if (!parsed.ok) throw new FtpError('invalid-argument', parsed.error);
  return parsed.url;
}

/** Connection options for a URL and the command-line flags; ftps:// means implicit TLS. */
export async function connectOptions(url: FtpUrl, options: CliOptions): Promise<ConnectOptions> {
  const ca = options.ca === undefined ? undefined : [await readFile(options.ca, 'utf8')];
  const tls = options.tls ?? (url.scheme === 'ftps' ? 'implicit' : 'auto');
  const timeoutMs = options.timeoutMs;
  return {
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    tls,
    tlsOptions: { ca },
    mode: options.mode,
    timeouts:
      timeoutMs === undefined
        ? undefined
        : { connectMs: timeoutMs, replyMs: timeoutMs, dataMs: timeoutMs },
    log: options.log ? (event) => process.stderr.write(`${formatLogLine(event)}\n`) : undefined,
  };
}

export async function connectClients(
  url: FtpUrl,
  options: CliOptions,
  count: number,
): Promise<FtpClient[]> {
  const connect = await connectOptions(url, options);
  const first = await FtpClient.connect(connect);
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, () => FtpClient.connect(connect)),
  );
  return [first, ...rest];
}
