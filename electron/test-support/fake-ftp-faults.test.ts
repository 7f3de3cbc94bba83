import { afterEach, describe, expect, it } from 'vitest';
import {
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from './fake-ftp-server.js';
import {
  connectData,
  login,
  parseEpsv,
  parsePasv,
  passiveDownload,
  passiveUpload,
  RawFtpClient,
  readAll,
  settle,
} from './raw-ftp-client.js';

let server: FakeFtpServer | undefined;
const clients: RawFtpClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

const FILES = { '/big.bin': Buffer.from('0123456789abcdefghij') };

async function connect(options: FakeFtpServerOptions, greeted = true) {
  server = await startFakeFtpServer({ files: FILES, ...options });
  const client = await RawFtpClient.connect(server.port);
  clients.push(client);
  if (greeted) {
    expect(await client.read()).toBe('220 Fake FTP ready');
    await login(client);
    await client.send('TYPE I');
  }
  return { server, client };
}

/** PASV, connect, and send the command; the caller reads what follows. */
async function startDownload(client: RawFtpClient, command: string) {
  const { port } = parsePasv(await client.send('PASV'));
  const socket = await connectData(port);
  socket.on('error', () => undefined);
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const opening = await client.send(command);
  return { socket, opening, received: () => Buffer.concat(received) };
}

describe('delays and silence', () => {
  it('delays a reply', async () => {
    const { client } = await connect({ delays: { NOOP: 300 } });
    client.write('NOOP');
    expect(await client.silentFor(100)).toBe(true);
    expect(await client.read()).toBe('200 NOOP ok.');
  });

  it('never answers a command set to never, nor anything after it', async () => {
    const { server, client } = await connect({ delays: { PWD: 'never' } });
    client.write('PWD');
    client.write('NOOP');
    expect(await client.silentFor(200)).toBe(true);
    expect(server.commands.slice(-2)).toEqual(['PWD', 'NOOP']);
  });

  it('never greets with greeting: null, and greets late with a GREETING delay', async () => {
    const { client } = await connect({ greeting: null }, false);
    expect(await client.silentFor(200)).toBe(true);
    await server?.close();
    const late = await connect({ delays: { GREETING: 300 } }, false);
    expect(await late.client.silentFor(100)).toBe(true);
    expect(await late.client.read()).toBe('220 Fake FTP ready');
  });
});

describe('passive address faults', () => {
  it('names another host in 227 with pasvHost, while listening on 127.0.0.1', async () => {
    const { client } = await connect({ pasvHost: '10.255.255.1' });
    const reply = await client.send('PASV');
    expect(reply).toMatch(/^227 Entering Passive Mode \(10,255,255,1,\d+,\d+\)\.$/);
    const socket = await connectData(parsePasv(reply).port);
    socket.destroy();
  });

  it('passes malformed replies through handlers', async () => {
    const { server, client } = await connect({
      handlers: { EPSV: (c) => c.reply('229 Entering Extended Passive Mode (|||99999|)') },
    });
    expect(await client.send('EPSV')).toBe('229 Entering Extended Passive Mode (|||99999|)');
    expect(server.dataConnections).toBe(0);
  });

  it("names a closed port with passiveDataPort: 'closed'", async () => {
    const { server, client } = await connect({ passiveDataPort: 'closed' });
    const port = parseEpsv(await client.send('EPSV'));
    await expect(connectData(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(server.dataConnections).toBe(0);
  });

  it("accepts and stays mute with passiveDataPort: 'silent'; RETR then gets 425", async () => {
    const { client } = await connect({ passiveDataPort: 'silent', dataTimeoutMs: 200 });
    const port = parseEpsv(await client.send('EPSV'));
    const socket = await connectData(port);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    expect(await client.send('RETR /big.bin')).toBe("425 Can't open data connection.");
    expect(await settle(socket, 100)).toBe('open');
    expect(received).toEqual([]);
  });
});

describe('data faults', () => {
  it('cuts a download after N bytes without a final reply', async () => {
    const { client } = await connect({ dataFaults: { RETR: { cutAfterBytes: 5 } } });
    const download = await startDownload(client, 'RETR /big.bin');
    expect(download.opening).toMatch(/^150 /);
    expect(await settle(download.socket)).not.toBe('open');
    expect(download.received().toString()).toBe('01234');
    expect(await client.silentFor(200)).toBe(true);
    expect(await client.send('NOOP')).toBe('200 NOOP ok.');
  });

  it('cuts a download and then says 426 when asked', async () => {
    const { client } = await connect({
      dataFaults: { RETR: { cutAfterBytes: 5, finalReply: '426 Connection closed.' } },
    });
    const download = await startDownload(client, 'RETR /big.bin');
    expect(await client.read()).toBe('426 Connection closed.');
    expect(await settle(download.socket)).not.toBe('open');
    expect(download.received().toString()).toBe('01234');
  });

  it('sends everything and then a failure reply', async () => {
    const { client } = await connect({
      dataFaults: { RETR: { finalReply: '451 Local error in processing.' } },
    });
    const result = await passiveDownload(client, 'RETR /big.bin');
    expect(result.data.toString()).toBe('0123456789abcdefghij');
    expect(result.final).toBe('451 Local error in processing.');
  });

  it('answers 552 after an upload and keeps what arrived', async () => {
    const { server, client } = await connect({
      dataFaults: { STOR: { finalReply: '552 Exceeded storage allocation.' } },
    });
    const result = await passiveUpload(client, 'STOR /up.bin', 'abc');
    expect(result.final).toBe('552 Exceeded storage allocation.');
    expect(server.files.get('/up.bin')?.toString()).toBe('abc');
  });

  it('cuts an upload after N bytes, keeping the part for a resume', async () => {
    const { server, client } = await connect({
      dataFaults: { STOR: { cutAfterBytes: 4, finalReply: '426 Connection closed.' } },
    });
    const result = await passiveUpload(client, 'STOR /up.bin', Buffer.alloc(100_000, 7));
    expect(result.final).toBe('426 Connection closed.');
    expect(server.files.get('/up.bin')).toEqual(Buffer.alloc(4, 7));
  });

  it('ignores REST while answering 350', async () => {
    const { client } = await connect({ ignoreRest: true });
    const { port } = parsePasv(await client.send('PASV'));
    const socket = await connectData(port);
    const data = readAll(socket);
    expect(await client.send('REST 10')).toBe('350 Restart position accepted (10).');
    await client.send('RETR /big.bin');
    expect((await data).toString()).toBe('0123456789abcdefghij');
  });

  it('stalls a download until ABOR, which gets 426 then 226', async () => {
    const { client } = await connect({ dataFaults: { RETR: { stallAfterBytes: 3 } } });
    const download = await startDownload(client, 'RETR /big.bin');
    expect(await client.silentFor(200)).toBe(true);
    expect(download.received().toString()).toBe('012');
    expect(await settle(download.socket, 50)).toBe('open');
    expect(await client.send('ABOR')).toBe('426 Connection closed; transfer aborted.');
    expect(await client.read()).toBe('226 Abort successful.');
    expect(await settle(download.socket)).not.toBe('open');
    expect(await client.send('ABOR')).toBe('225 No transfer to ABOR.');
    expect(await client.send('NOOP')).toBe('200 NOOP ok.');
  });

  it('answers 426 when the client closes a stalled download', async () => {
    const { client } = await connect({ dataFaults: { LIST: { stallAfterBytes: 1 } } });
    const download = await startDownload(client, 'LIST /');
    download.socket.destroy();
    expect(await client.read()).toBe('426 Connection closed; transfer aborted.');
  });
});

describe('control connection faults', () => {
  it('writes raw bytes exactly: NUL, LF-only ends, odd codes, a reply that never ends', async () => {
    const { server: started } = await connect(
      {
        handlers: {
          SYST: (c) => c.writeRaw('215 UNIX\0Type\n21 short\r\n2150 long\r\n211-never ends\r\n'),
          NOOP: (c) => c.reply(`200 ${'x'.repeat(70_000)}`),
        },
      },
      false,
    );
    const socket = await connectData(started.port);
    const text = new Promise<string>((resolve) => {
      let all = '';
      socket.on('data', (chunk: Buffer) => {
        all += chunk.toString('latin1');
        if (all.endsWith('\r\n') && all.length > 70_000) resolve(all);
      });
    });
    socket.write('SYST\r\nNOOP\r\n');
    expect(await text).toBe(
      `220 Fake FTP ready\r\n215 UNIX\0Type\n21 short\r\n2150 long\r\n211-never ends\r\n200 ${'x'.repeat(70_000)}\r\n`,
    );
    socket.destroy();
  });

  it('drops the connection from a handler', async () => {
    const { client } = await connect({ handlers: { RETR: (c) => c.close() } });
    client.write('RETR /big.bin');
    await expect(client.read()).rejects.toThrow('closed');
    expect(client.isEnded).toBe(true);
  });
});
