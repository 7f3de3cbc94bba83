import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateTestCertificate,
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from './fake-ftp-server.js';
import {
  connectData,
  login,
  parsePasv,
  RawFtpClient,
  readAll,
  settle,
  type TransferResult,
} from './raw-ftp-client.js';

const { key, cert } = generateTestCertificate();
// Verifying against the generated certificate also checks its SAN IP:127.0.0.1.
const trust: tls.ConnectionOptions = { ca: cert, host: '127.0.0.1', rejectUnauthorized: true };

let server: FakeFtpServer | undefined;
const clients: RawFtpClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

async function start(options: Omit<FakeFtpServerOptions, 'tls'>, tlsExtra = {}) {
  server = await startFakeFtpServer({ ...options, tls: { key, cert, ...tlsExtra } });
  return server;
}

/** Explicit FTPS as the engine does it: AUTH TLS → USER/PASS → PBSZ 0 → PROT P. */
async function secureLogin(port: number, maxVersion?: tls.SecureVersion) {
  const client = await RawFtpClient.connect(port);
  clients.push(client);
  expect(await client.read()).toBe('220 Fake FTP ready');
  expect(await client.send('AUTH TLS')).toBe('234 Proceed with negotiation.');
  await client.startTls({ ...trust, ...(maxVersion === undefined ? {} : { maxVersion }) });
  await login(client);
  expect(await client.send('PBSZ 0')).toBe('200 PBSZ=0');
  expect(await client.send('PROT P')).toBe('200 PROT now Private.');
  return client;
}

/**
 * A TLS data connection whose incoming raw bytes are kept, so a test can see the TLS record
 * types (in TLS 1.2 an alert record, type 21, is visible even though it is encrypted).
 */
async function recordedTlsData(port: number, options: tls.ConnectionOptions) {
  const raw = await connectData(port);
  const inbound: Buffer[] = [];
  const duplex = new Duplex({
    read: () => undefined,
    write: (chunk: Buffer, _encoding, callback) => raw.write(chunk, callback),
    final: (callback) => raw.end(callback),
    destroy: (error, callback) => {
      raw.destroy();
      callback(error);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    inbound.push(chunk);
    duplex.push(chunk);
  });
  raw.on('end', () => duplex.push(null));
  raw.on('error', () => undefined);
  const socket = tls.connect({ ...trust, ...options, socket: duplex });
  socket.on('error', () => undefined);
  return { socket, recordTypes: () => tlsRecordTypes(Buffer.concat(inbound)) };
}

function tlsRecordTypes(bytes: Buffer): number[] {
  const types: number[] = [];
  for (let at = 0; at + 5 <= bytes.length; at += 5 + bytes.readUInt16BE(at + 3)) {
    types.push(bytes[at] ?? -1);
  }
  return types;
}

async function tlsDownload(
  client: RawFtpClient,
  command: string,
  session: Buffer | undefined,
): Promise<TransferResult> {
  const { port } = parsePasv(await client.send('PASV'));
  // The handshake completes only after the command: like vsftpd, the server starts TLS on
  // the data connection after its 150.
  const socket = tls.connect({ ...trust, port, ...(session === undefined ? {} : { session }) });
  socket.on('error', () => undefined);
  const data = readAll(socket);
  const opening = await client.send(command);
  return { opening, data: await data, final: await client.read() };
}

describe('explicit FTPS', () => {
  it('advertises AUTH TLS and refuses PROT before TLS', async () => {
    const { port } = await start({ features: ['EPSV'] });
    const client = await RawFtpClient.connect(port);
    clients.push(client);
    await client.read();
    expect(await client.send('FEAT')).toBe(
      '211-Features:\r\n EPSV\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n211 End',
    );
    expect(await client.send('PROT P')).toBe('503 PROT needs a secure connection.');
    expect(await client.send('AUTH KERBEROS')).toBe('504 Unknown AUTH type.');
  });

  it('downloads over PROT P when the data connection resumes the control session', async () => {
    const { port } = await start(
      { files: { '/secret.txt': 'over tls' } },
      { requireSessionReuse: true },
    );
    const client = await secureLogin(port);
    await client.send('TYPE I');
    expect(client.tlsSession).toBeDefined();
    const result = await tlsDownload(client, 'RETR /secret.txt', client.tlsSession);
    expect(result.data.toString()).toBe('over tls');
    expect(result.final).toBe('226 Transfer complete.');
    expect(server?.sessions[0]).toMatchObject({ secure: true, protectData: true });
  });

  it('answers 522 and drops the data connection when the session is not reused', async () => {
    const { port } = await start(
      { files: { '/secret.txt': 'over tls' } },
      { requireSessionReuse: true },
    );
    const client = await secureLogin(port);
    const { port: dataPort } = parsePasv(await client.send('PASV'));
    const socket = tls.connect({ ...trust, port: dataPort });
    socket.on('error', () => undefined);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    expect(await client.send('RETR /secret.txt')).toMatch(/^150 /);
    expect(await client.read()).toBe('522 SSL connection failed: session reuse required');
    expect(await settle(socket)).not.toBe('open');
    expect(Buffer.concat(received).length).toBe(0);
  });

  it('resumes TLS 1.2 sessions too', async () => {
    const { port } = await start(
      { files: { '/a': 'tls12' } },
      { requireSessionReuse: true, maxVersion: 'TLSv1.2' },
    );
    const client = await secureLogin(port, 'TLSv1.2');
    const result = await tlsDownload(client, 'RETR /a', client.tlsSession);
    expect([result.data.toString(), result.final]).toEqual(['tls12', '226 Transfer complete.']);
  });

  it('uploads over PROT P, and connects back with TLS in active mode', async () => {
    const { port } = await start({ files: { '/a': 'active tls' } });
    const client = await secureLogin(port);
    const { port: dataPort } = parsePasv(await client.send('PASV'));
    const up = tls.connect({ ...trust, port: dataPort, ...sessionOf(client) });
    expect(await client.send('STOR /up.txt')).toBe('150 Ok to send data.');
    up.end('uploaded');
    expect(await client.read()).toBe('226 Transfer complete.');
    expect(server?.files.get('/up.txt')?.toString()).toBe('uploaded');

    const listener = net.createServer();
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const active = (listener.address() as net.AddressInfo).port;
    const secured = new Promise<tls.TLSSocket>((resolve) =>
      listener.once('connection', (raw) => {
        listener.close();
        resolve(tls.connect({ ...trust, socket: raw, ...sessionOf(client) }));
      }),
    );
    expect(await client.send(`EPRT |1|127.0.0.1|${active}|`)).toMatch(/^200 /);
    expect(await client.send('RETR /a')).toMatch(/^150 /);
    expect((await readAll(await secured)).toString()).toBe('active tls');
    expect(await client.read()).toBe('226 Transfer complete.');
  });

  it('ends a TLS data stream without close_notify when asked', async () => {
    const { port } = await start(
      { files: { '/a': 'payload' }, dataFaults: { RETR: { noCloseNotify: true } } },
      { maxVersion: 'TLSv1.2' },
    );
    const client = await secureLogin(port, 'TLSv1.2');
    const { port: dataPort } = parsePasv(await client.send('PASV'));
    const data = await recordedTlsData(dataPort, sessionOf(client));
    const body = readAll(data.socket);
    await client.send('RETR /a');
    expect((await body).toString()).toBe('payload');
    expect(await client.read()).toBe('226 Transfer complete.');
    // 23 = application data, 21 = alert: the data came, a close_notify did not.
    expect(data.recordTypes()).toContain(23);
    expect(data.recordTypes()).not.toContain(21);
  });

  it('sends close_notify normally (the control for the test above)', async () => {
    const { port } = await start({ files: { '/a': 'payload' } }, { maxVersion: 'TLSv1.2' });
    const client = await secureLogin(port, 'TLSv1.2');
    const { port: dataPort } = parsePasv(await client.send('PASV'));
    const data = await recordedTlsData(dataPort, sessionOf(client));
    const body = readAll(data.socket);
    await client.send('RETR /a');
    expect((await body).toString()).toBe('payload');
    expect(await client.read()).toBe('226 Transfer complete.');
    expect(data.recordTypes().at(-1)).toBe(21);
  });

  it('can refuse AUTH TLS through a handler while TLS is configured', async () => {
    const { port } = await start({
      handlers: { AUTH: (c) => c.reply('502 AUTH not available.') },
    });
    const client = await RawFtpClient.connect(port);
    clients.push(client);
    await client.read();
    expect(await client.send('AUTH TLS')).toBe('502 AUTH not available.');
    expect(await client.send('USER alice')).toBe('331 Please specify the password.');
  });

  it('can inject bytes right after 234, before the handshake', async () => {
    const { port } = await start({
      handlers: {
        AUTH: async (c) => {
          c.writeRaw('234 Go\r\nXYZ');
          await c.upgradeToTls();
        },
      },
    });
    const socket = await connectData(port);
    socket.write('AUTH TLS\r\n');
    let text = '';
    await new Promise<void>((resolve) =>
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('XYZ')) resolve();
      }),
    );
    expect(text).toBe('220 Fake FTP ready\r\n234 Go\r\nXYZ');
    socket.destroy();
  });
});

describe('implicit FTPS', () => {
  it('starts TLS before the greeting', async () => {
    const { port } = await start({ files: { '/a': 'implicit' } }, { implicit: true });
    const client = await RawFtpClient.connect(port, trust);
    clients.push(client);
    expect(await client.read()).toBe('220 Fake FTP ready');
    await login(client);
    await client.send('PROT P');
    const result = await tlsDownload(client, 'RETR /a', client.tlsSession);
    expect(result.data.toString()).toBe('implicit');
  });
});

function sessionOf(client: RawFtpClient): { session?: Buffer } {
  return client.tlsSession === undefined ? {} : { session: client.tlsSession };
}
