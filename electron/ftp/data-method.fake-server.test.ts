import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from '../test-support/fake-ftp-server.js';
import { FtpClient } from './client.js';
import type { DataMethod } from './data-connector.js';

/**
 * A forced data method (the connection doctor's probes): exactly that command, no
 * EPSV-to-PASV switch, no fallback to the other mode; and what the last data connection
 * reports about itself.
 */
let server: FakeFtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(options: FakeFtpServerOptions, method: DataMethod): Promise<FtpClient> {
  server = await startFakeFtpServer({ files: { '/a.txt': 'a' }, ...options });
  return FtpClient.connect({
    host: server.host,
    port: server.port,
    user: 'alice',
    password: 'secret',
    tls: 'none',
    dataMethod: method,
    fallback: true,
    timeouts: { dataMs: 2_000 },
  });
}

const dataCommands = (fake: FakeFtpServer): string[] =>
  fake.commands.filter((c) => /^(EPSV|PASV|PORT|EPRT)\b/.test(c)).map((c) => c.split(' ')[0] ?? c);

describe('forced data method', () => {
  it.each(['EPSV', 'PASV', 'PORT', 'EPRT'] as const)('%s sends only itself', async (method) => {
    const client = await clientFor({}, method);
    const listing = await client.list();
    expect(listing.entries.map((e) => e.name)).toEqual(['a.txt']);
    expect(dataCommands(server as FakeFtpServer)).toEqual([method]);
    expect(client.lastDataConnection).toEqual({
      method,
      rewrite: undefined,
      tlsResumed: undefined,
    });
    await client.quit();
  });

  it('EPSV refused: fails without trying PASV or active mode, though fallback is on', async () => {
    const client = await clientFor(
      { handlers: { EPSV: (c) => c.reply('500 EPSV not understood.') } },
      'EPSV',
    );
    await expect(client.list()).rejects.toThrow(
      'The server refused EPSV: 500 EPSV not understood.',
    );
    expect(dataCommands(server as FakeFtpServer)).toEqual(['EPSV']);
    // Unforced again, the usual order comes back: EPSV refused, so PASV.
    client.setDataMethod(undefined);
    await client.list();
    expect(dataCommands(server as FakeFtpServer)).toEqual(['EPSV', 'EPSV', 'PASV']);
    await client.quit();
  });

  it('passive blocked: no fallback to PORT', async () => {
    const client = await clientFor({ passiveDataPort: 'closed' }, 'PASV');
    await expect(client.list()).rejects.toThrow(/The data connection to 127\.0\.0\.1:\d+ failed/);
    expect(dataCommands(server as FakeFtpServer)).toEqual(['PASV']);
    await client.quit();
  });

  it.each([
    ['10.1.2.3', 'unroutable'],
    ['192.0.2.7', 'different-host'],
  ] as const)('reports the PASV address rewrite of %s (%s)', async (named, reason) => {
    // Either way the data connection goes to the control peer (127.0.0.1) and works.
    const client = await clientFor({ pasvHost: named }, 'PASV');
    await client.list();
    expect(client.lastDataConnection?.rewrite).toEqual({ named, reason });
    await client.quit();
  });
});
