import { connect as netConnect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateTestCertificate,
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from '../test-support/fake-ftp-server.js';
import { FtpClient } from './client.js';
import type { ConnectOptions } from './connect-options.js';
import { FtpError } from './errors.js';
import { formatLogLine } from './log.js';

/**
 * The engine against the scripted fake server: protocol behaviour, and faults a real
 * server will not produce on demand. Every test asserts what the server received or what
 * the caller got, not only that nothing crashed.
 */
let server: FakeFtpServer | undefined;
let log: string[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  log = [];
});

async function start(options: FakeFtpServerOptions = {}): Promise<FakeFtpServer> {
  server = await startFakeFtpServer(options);
  return server;
}

function connect(overrides: Partial<ConnectOptions> = {}): Promise<FtpClient> {
  if (server === undefined) throw new Error('start a server first');
  return FtpClient.connect({
    host: server.host,
    port: server.port,
    user: 'alice',
    password: 'secret',
    tls: 'none',
    fallback: false,
    log: (event) => log.push(formatLogLine(event)),
    ...overrides,
  });
}

function sink(): { stream: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) }),
    data: () => Buffer.concat(chunks),
  };
}

async function failure(promise: Promise<unknown>): Promise<FtpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FtpError)) throw new Error(`expected an FtpError, got ${String(error)}`);
  return error;
}

const file = Buffer.from(Array.from({ length: 50_000 }, (_, i) => i % 251));

describe('log and login', () => {
  it('reads like the reference article in passive mode', async () => {
    await start({
      greeting: '220 ProFTPD Server (Portside test) [127.0.0.1]',
      features: ['MDTM', 'REST STREAM', 'SIZE'],
      handlers: { EPSV: (c) => c.reply('500 EPSV not understood') },
      files: { '/readme.txt': 'hello' },
    });
    const client = await connect();
    await client.list();
    const port = server?.port ?? 0;
    expect(log.slice(0, 4)).toEqual([
      `Status: Connecting to 127.0.0.1:${port}...`,
      'Status: Connection established, waiting for welcome message...',
      'Response: 220 ProFTPD Server (Portside test) [127.0.0.1]',
      'Command: USER alice',
    ]);
    const shape = log.map((line) =>
      line
        .replace(/^(Response: \d{3}[- ]?).*$/, '$1')
        .replace(/^(Command: PASV|Status: Retrieving directory listing).*$/, '$1'),
    );
    expect(shape.slice(3)).toEqual([
      'Command: USER alice',
      'Response: 331 ',
      'Command: PASS ********',
      'Response: 230 ',
      'Command: SYST',
      'Response: 215 ',
      'Command: FEAT',
      'Response: 211-',
      'Response:  MDTM',
      'Response:  REST STREAM',
      'Response:  SIZE',
      'Response: 211 ',
      'Status: Connected',
      'Status: Retrieving directory listing',
      'Command: PWD',
      'Response: 257 ',
      'Command: TYPE I',
      'Response: 200 ',
      'Command: EPSV',
      'Response: 500 ',
      'Command: PASV',
      'Response: 227 ',
      'Command: LIST -a',
      'Response: 150 ',
      'Response: 226 ',
      'Status: Directory listing successful',
    ]);
    expect(server?.commands).toContain('PASS secret');
    expect(log.join('\n')).not.toContain('secret');
    await client.quit();
  });

  it('reads multi-line greetings and replies, and ignores FEAT indentation', async () => {
    await start({
      greeting: '220-Welcome\r\n220-to the test\r\n220 Ready',
      features: ['SIZE', 'MLST type*;size*;', 'UTF8'],
    });
    const client = await connect();
    expect(client.features).toMatchObject({ size: true, mlst: true, utf8: true });
    expect(log).toContain('Response: 220-to the test');
    expect(server?.commands).toContain('OPTS UTF8 ON');
    await client.quit();
  });

  it('says "Login incorrect" in words for a wrong password', async () => {
    await start();
    const error = await failure(connect({ password: 'wrong' }));
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(
      /^Login incorrect: the server rejected the user name "alice" or its password/,
    );
  });

  it('sends ACCT when the server asks for an account', async () => {
    await start({ account: 'acme' });
    const client = await connect({ account: 'acme' });
    expect(server?.commands).toContain('ACCT acme');
    expect(log).toContain('Command: ACCT ********');
    await client.quit();
  });
});

describe('timeouts', () => {
  it('security 9.16: times out when the server never greets', async () => {
    await start({ greeting: null });
    const error = await failure(connect({ timeouts: { replyMs: 300 } }));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('The server did not send the welcome message within 0 seconds');
  });

  it('security 9.16: times out when the server goes silent after a command, and the client is closed', async () => {
    await start({ delays: { MKD: 'never' } });
    const client = await connect({ timeouts: { replyMs: 300 } });
    const error = await failure(client.mkdir('x'));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('a reply to MKD');
    expect(client.closed).toBe(true);
  });

  it('security 9.16: times out on a data stream that stalls, with ABOR sent', async () => {
    await start({ files: { '/a.bin': file }, dataFaults: { RETR: { stallAfterBytes: 10 } } });
    const client = await connect({ timeouts: { dataMs: 300, replyMs: 2000 } });
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/data connection stalled/);
    expect(server?.commands).toContain('ABOR');
  });
});

describe('passive mode addresses', () => {
  const noEpsv = {
    EPSV: (c: { reply(line: string): void }) => c.reply('502 EPSV not implemented'),
  };

  it('security 9.2: replaces an unroutable PASV address by the control peer and says so', async () => {
    await start({ pasvHost: '10.1.2.3', handlers: noEpsv, files: { '/a.bin': file } });
    const client = await connect();
    const out = sink();
    await client.download('a.bin', out.stream);
    expect(out.data().equals(file)).toBe(true);
    expect(log).toContain(
      'Status: Server sent passive reply with unroutable address. Using server address instead.',
    );
    await client.quit();
  });

  it('security 9.1: replaces another routable host by the control peer unless the user opted in', async () => {
    await start({ pasvHost: '198.51.100.7', handlers: noEpsv, files: { '/a.bin': file } });
    const client = await connect();
    await client.download('a.bin', sink().stream);
    expect(log).toContain(
      'Status: Server named 198.51.100.7 for the data connection; connecting to 127.0.0.1 instead.',
    );
    await client.quit();
  });

  it('security 9.1: follows a different loopback host when opted in (and fails there, proving it went)', async () => {
    await start({ pasvHost: '127.0.0.2', handlers: noEpsv, files: { '/a.bin': file } });
    const client = await connect({ trustServerAddress: true });
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.message).toMatch(/^The data connection to 127\.0\.0\.2:\d+ failed/);
    expect(server?.dataConnections).toBe(0);
  });

  it.each([
    ['227 Entering Passive Mode (127,0,0,1,4)'],
    ['227 Entering Passive Mode (127,0,0,256,4,1)'],
    ['227 Entering Passive Mode (127,0,0,1,0,0)'],
    ['227 Entering Passive Mode (127,0,0,1,-4,1)'],
    ['227 garbage'],
  ])('security 9.3: refuses a malformed %s without connecting anywhere', async (line) => {
    await start({ handlers: { ...noEpsv, PASV: (c) => c.reply(line) }, files: { '/a.bin': file } });
    const client = await connect();
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.code).toBe('protocol');
    expect(error.message).toContain('malformed passive mode reply');
    expect(server?.dataConnections).toBe(0);
    expect(server?.commands).not.toContain('RETR a.bin');
  });

  it.each(['(|||99999|)', '(|||0|)', '(||1025|)', 'nothing'])(
    'security 9.3: refuses a malformed 229 %s',
    async (text) => {
      await start({
        handlers: { EPSV: (c) => c.reply(`229 Entering Extended Passive Mode ${text}`) },
      });
      const client = await connect();
      const error = await failure(client.list());
      expect(error.code).toBe('protocol');
      expect(server?.dataConnections).toBe(0);
    },
  );

  it('falls back to active mode when the passive port refuses, and says so', async () => {
    await start({ passiveDataPort: 'closed', files: { '/a.bin': file } });
    const client = await connect({ fallback: true });
    const out = sink();
    await client.download('a.bin', out.stream);
    expect(out.data().equals(file)).toBe(true);
    expect(client.dataMode).toBe('active');
    expect(
      log.some((l) => /^Status: Passive mode failed: .*Falling back to active mode\.$/.test(l)),
    ).toBe(true);
    expect(server?.commands.some((c) => c.startsWith('PORT 127,0,0,1,'))).toBe(true);
    await client.quit();
  });
});

describe('active mode', () => {
  it('security 9.4: sends PORT, takes the server connection and refuses one from another address', async () => {
    let rogueClosed: Promise<boolean> = Promise.resolve(false);
    await start({
      files: { '/a.bin': file },
      handlers: {
        RETR: async (c) => {
          const target = server?.activeTargets.at(-1);
          if (target === undefined) throw new Error('no PORT seen');
          // Someone else on the machine races to our data port first.
          const rogue = netConnect({
            host: target.host,
            port: target.port,
            localAddress: '127.0.0.2',
          });
          rogueClosed = new Promise((resolve) =>
            rogue.on('close', () => resolve(true)).on('error', () => undefined),
          );
          await rogueClosed;
          await c.defaultHandler();
        },
      },
    });
    const client = await connect({ mode: 'active' });
    const out = sink();
    await client.download('a.bin', out.stream);
    expect(out.data().equals(file)).toBe(true);
    expect(await rogueClosed).toBe(true);
    expect(log.some((l) => l.startsWith('Status: Refused a data connection from 127.0.0.2'))).toBe(
      true,
    );
    expect(server?.activeTargets.at(-1)?.command).toBe('PORT');
    await client.quit();
  });
});

describe('transfers that fail', () => {
  it('security 9.17: fails a download cut mid-transfer, saying how much arrived', async () => {
    await start({
      files: { '/a.bin': file },
      dataFaults: {
        RETR: { cutAfterBytes: 1000, finalReply: '426 Connection closed; transfer aborted.' },
      },
    });
    const client = await connect();
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.message).toBe(
      'The transfer ended early: received 1000 of 50000 bytes. The partial file can be resumed',
    );
    await client.list();
    await client.quit();
  });

  it.each([
    ['426 Connection closed; transfer aborted.', 'The transfer was aborted by the server'],
    ['451 Local error in processing.', 'The server hit a local error during the transfer'],
  ])('security 9.17: fails on %s after all the data arrived', async (reply, message) => {
    await start({ files: { '/a.bin': file }, dataFaults: { RETR: { finalReply: reply } } });
    const client = await connect();
    const error = await failure(
      client.download('a.bin', sink().stream, { remoteSize: file.length }),
    );
    expect(error.message).toBe(`${message}: ${reply}`);
    await client.quit();
  });

  it('frees the connection while the destination still writes, and fails on a late write error', async () => {
    await start({ files: { '/a.bin': file } });
    const client = await connect();
    let release: (error: Error) => void = () => undefined;
    const disk = new Promise<Error>((resolve) => (release = resolve));
    const slowDisk = new Writable({ write: (_chunk, _encoding, done) => void disk.then(done) });
    const download = failure(client.download('a.bin', slowDisk, { remoteSize: file.length }));
    // Every byte arrived and the server said 226; the disk has not taken them yet, and the
    // next command already runs on the connection.
    expect(await client.size('a.bin')).toBe(file.length);
    expect(server?.commands.slice(-2)).toEqual(['RETR a.bin', 'SIZE a.bin']);
    release(new Error('No space left on device'));
    const error = await download;
    expect(error.code).toBe('local-fs');
    expect(error.message).toBe('Local file error: No space left on device');
    expect(log).toContain('Error: Local file error: No space left on device');
    expect(log.some((line) => line.includes('File transfer successful'))).toBe(false);
    await client.quit();
  });

  it('security 9.17: fails an upload answered with 552', async () => {
    await start({ dataFaults: { STOR: { finalReply: '552 Exceeded storage allocation.' } } });
    const client = await connect();
    const { Readable } = await import('node:stream');
    const error = await failure(client.upload(Readable.from([file]), 'up.bin'));
    expect(error.message).toBe(
      'The server refused to store more data (quota or file size limit): 552 Exceeded storage allocation.',
    );
    await client.quit();
  });

  it('resumes with REST right before RETR and gets the rest of the file', async () => {
    await start({ files: { '/a.bin': file } });
    const client = await connect();
    const out = sink();
    await client.download('a.bin', out.stream, { offset: 20_000 });
    expect(out.data().equals(file.subarray(20_000))).toBe(true);
    const commands = server?.commands ?? [];
    expect(
      commands.slice(commands.indexOf('RETR a.bin') - 2, commands.indexOf('RETR a.bin') + 1),
    ).toEqual(['EPSV', 'REST 20000', 'RETR a.bin']);
    await client.quit();
  });

  it('security 9.19: detects a server that ignores REST and writes nothing past the file size', async () => {
    await start({ files: { '/a.bin': file }, ignoreRest: true });
    const client = await connect();
    const out = sink();
    const error = await failure(client.download('a.bin', out.stream, { offset: 20_000 }));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/ignored the resume offset/);
    expect(out.data().length).toBeLessThanOrEqual(30_000);
  });

  it('cancels with ABOR and keeps the control connection usable', async () => {
    await start({ files: { '/a.bin': file }, dataFaults: { RETR: { stallAfterBytes: 100 } } });
    const client = await connect();
    const controller = new AbortController();
    const download = client.download('a.bin', sink().stream, {
      signal: controller.signal,
      onProgress: (p) => p.bytes > 0 && controller.abort(),
    });
    const error = await failure(download);
    expect(error.code).toBe('cancelled');
    expect(server?.commands).toContain('ABOR');
    const listing = await client.list();
    expect(listing.entries.map((e) => e.name)).toEqual(['a.bin']);
    await client.quit();
  });

  it('security 9.5: refuses CR, LF and NUL before a byte is sent', async () => {
    await start({ files: { '/a.bin': file } });
    const client = await connect();
    const before = server?.commands.length;
    for (const name of ['a.bin\r\nDELE a.bin', 'x\nDELE a.bin', 'x\0y']) {
      const error = await failure(client.download(name, sink().stream));
      expect(error.code).toBe('invalid-argument');
    }
    expect(await failure(client.rename('a.bin', 'b\r\nDELE a.bin'))).toMatchObject({
      code: 'invalid-argument',
    });
    expect(server?.commands.length).toBe(before);
    expect(server?.files.has('/a.bin')).toBe(true);
    await client.quit();
  });

  it('security 9.7: drops unsafe names from a listing and logs them', async () => {
    await start({
      handlers: {
        MLSD: async (c) => {
          c.reply('150 Here it comes');
          const data = await c.openData();
          data.end(
            'type=file;size=1; ../../evil\r\ntype=file;size=1; a/b\r\ntype=file;size=3; ok.txt\r\n',
          );
          data.on('close', () => c.reply('226 Done'));
        },
      },
    });
    const client = await connect();
    const listing = await client.list();
    expect(listing.entries.map((e) => e.name)).toEqual(['ok.txt']);
    expect(log).toContain('Status: Ignored unsafe name in listing: "../../evil"');
    expect(log).toContain('Status: Ignored unsafe name in listing: "a/b"');
    await client.quit();
  });
});

describe('FTPS', () => {
  const { key, cert } = generateTestCertificate();

  it('security 9.22: refuses to go on in clear when TLS is required and AUTH TLS is refused', async () => {
    await start({
      tls: { key, cert },
      handlers: { AUTH: (c) => c.reply('502 AUTH not available.') },
    });
    const error = await failure(connect({ tls: 'explicit', tlsOptions: { ca: [cert] } }));
    expect(error.code).toBe('tls');
    expect(server?.commands).toEqual(['AUTH TLS']);
  });

  it('goes on in clear in auto mode when the server has no TLS, with a loud line', async () => {
    await start();
    const client = await connect({ tls: 'auto' });
    expect(client.secure).toBe(false);
    expect(log).toContain(
      'Error: The server does not support FTP over TLS: this connection is NOT encrypted, and the password is sent in clear',
    );
    await client.quit();
  });

  it('security 9.14: aborts when the server injects bytes after 234 before the handshake', async () => {
    await start({
      tls: { key, cert },
      handlers: {
        AUTH: async (c) => {
          c.writeRaw('234 Go ahead\r\n230 Injected\r\n');
          await c.upgradeToTls().catch(() => undefined);
        },
      },
    });
    const error = await failure(connect({ tls: 'explicit', tlsOptions: { ca: [cert] } }));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/sent data after accepting AUTH TLS/);
    expect(server?.commands).not.toContain('USER alice');
  });

  it.each(['TLSv1.3', 'TLSv1.2'] as const)(
    'security 9.25: reuses the TLS session on every data connection (%s, server requires reuse)',
    async (maxVersion) => {
      await start({
        tls: { key, cert, requireSessionReuse: true, maxVersion },
        files: { '/a.bin': file },
      });
      const client = await connect({ tls: 'explicit', tlsOptions: { ca: [cert] } });
      expect(client.secure).toBe(true);
      for (let i = 0; i < 3; i += 1) {
        const out = sink();
        await client.download('a.bin', out.stream);
        expect(out.data().equals(file)).toBe(true);
      }
      const commands = server?.commands ?? [];
      expect(
        commands.slice(commands.indexOf('AUTH TLS'), commands.indexOf('AUTH TLS') + 3),
      ).toEqual(['AUTH TLS', 'USER alice', 'PASS secret']);
      expect(commands).toContain('PROT P');
      await client.quit();
    },
  );

  it('security 9.25: explains a 522 refusal of the data connection', async () => {
    await start({
      tls: { key, cert },
      files: { '/a.bin': file },
      handlers: { RETR: (c) => c.reply('522 SSL connection failed: session reuse required') },
    });
    const client = await connect({ tls: 'explicit', tlsOptions: { ca: [cert] } });
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/requires TLS session reuse/);
    await client.quit();
  });

  it('security 9.25: reports the 522 when the server drops the data connection first, as vsftpd does', async () => {
    // vsftpd 3.0.3 with require_ssl_reuse: 150, the TLS handshake on the data connection,
    // then it closes that connection, answers 522 and closes the control connection too.
    await start({
      tls: { key, cert },
      files: { '/a.bin': file },
      handlers: {
        RETR: async (c) => {
          c.reply('150 Opening BINARY mode data connection for a.bin.');
          const data = await c.openData();
          data.destroy();
          c.reply('522 SSL connection failed: session reuse required');
          c.close();
        },
      },
    });
    const client = await connect({ tls: 'explicit', tlsOptions: { ca: [cert] } });
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.code).toBe('tls');
    expect(error.message).toMatch(/\(522 SSL connection failed: session reuse required\)/);
  });

  it('security 9.24: asks the trust hook about an unknown certificate with its fingerprint, and stops when refused', async () => {
    await start({ tls: { key, cert } });
    const seen: string[] = [];
    const error = await failure(
      connect({
        tls: 'explicit',
        tlsOptions: { trust: (info) => (seen.push(info.fingerprint256), false) },
      }),
    );
    expect(error.code).toBe('tls');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(error.message).toContain(seen[0]);
    expect(server?.commands).toEqual(['AUTH TLS']);
  });

  it('security 9.24: connects when the trust hook accepts, and over implicit TLS', async () => {
    await start({ tls: { key, cert, implicit: true }, files: { '/a.bin': file } });
    const client = await connect({ tls: 'implicit', tlsOptions: { trust: () => true } });
    const out = sink();
    await client.download('a.bin', out.stream);
    expect(out.data().equals(file)).toBe(true);
    expect(server?.commands).not.toContain('AUTH TLS');
    await client.quit();
  });
});

describe('file operations and modes', () => {
  it('reads like the reference article in active mode', async () => {
    await start({ features: ['MDTM', 'REST STREAM', 'SIZE'], files: { '/readme.txt': 'hello' } });
    const client = await connect({ mode: 'active' });
    await client.list();
    const tail = log.slice(log.indexOf('Status: Connected'));
    expect(tail.map((line) => line.replace(/^(Response: \d{3}).*$/, '$1'))).toEqual([
      'Status: Connected',
      'Status: Retrieving directory listing...',
      'Command: PWD',
      'Response: 257',
      'Command: TYPE I',
      'Response: 200',
      expect.stringMatching(/^Command: PORT 127,0,0,1,\d{1,3},\d{1,3}$/),
      'Response: 200',
      'Command: LIST -a',
      'Response: 150',
      'Response: 226',
      'Status: Directory listing successful',
    ]);
    await client.quit();
  });

  it('sends SIZE, MDTM, MFMT, SITE CHMOD, CWD, CDUP and PWD and reads their replies', async () => {
    await start({ features: ['SIZE', 'MDTM', 'MFMT'], files: { '/pub/a.txt': 'abc' } });
    const client = await connect();
    expect(await client.size('pub/a.txt')).toBe(3);
    expect(await client.lastModified('pub/a.txt')).toBeInstanceOf(Date);
    expect(await client.setLastModified('pub/a.txt', new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe(
      true,
    );
    await client.chmod('pub/a.txt', '0644');
    await client.cd('pub');
    expect(await client.pwd()).toBe('/pub');
    await client.cdup();
    expect(await client.pwd()).toBe('/');
    expect(server?.commands).toEqual(
      expect.arrayContaining([
        'SIZE pub/a.txt',
        'MDTM pub/a.txt',
        'MFMT 20240102030405 pub/a.txt',
        'SITE CHMOD 0644 pub/a.txt',
        'CWD pub',
        'CDUP',
      ]),
    );
    expect(await failure(client.chmod('a', '9999'))).toMatchObject({ code: 'invalid-argument' });
    await client.quit();
  });

  it('logs in anonymously and transfers in ASCII mode when asked', async () => {
    await start({ allowAnonymous: true, files: { '/t.txt': 'one\ntwo\n' } });
    const client = await connect({ user: undefined, password: undefined });
    expect(server?.commands.slice(0, 2)).toEqual(['USER anonymous', 'PASS anonymous@']);
    const out = sink();
    await client.download('t.txt', out.stream, { type: 'ascii' });
    expect(out.data().toString()).toBe('one\r\ntwo\r\n');
    expect(server?.commands).toContain('TYPE A');
    await client.quit();
  });

  it('sends NOOP while idle when keep-alive is on', async () => {
    await start();
    const client = await connect({ keepAliveMs: 1000 });
    await server?.waitForCommand((line) => line === 'NOOP', 5000);
    await client.quit();
    expect(server?.commands.at(-1)).toBe('QUIT');
  });
});
