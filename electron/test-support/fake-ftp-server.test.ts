import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeFtpServer, type FakeFtpServer } from './fake-ftp-server.js';
import {
  connectData,
  login,
  parseEpsv,
  passiveDownload,
  passiveUpload,
  RawFtpClient,
  readAll,
} from './raw-ftp-client.js';

let server: FakeFtpServer | undefined;
const clients: RawFtpClient[] = [];

async function setup(options: Parameters<typeof startFakeFtpServer>[0] = {}) {
  server = await startFakeFtpServer(options);
  const client = await RawFtpClient.connect(server.port);
  clients.push(client);
  expect(await client.read()).toBe('220 Fake FTP ready');
  return { server, client };
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

describe('login', () => {
  it('accepts the configured user and records every command verbatim', async () => {
    const { server, client } = await setup();
    expect(await client.send('USER alice')).toBe('331 Please specify the password.');
    expect(await client.send('PASS secret')).toBe('230 Login successful.');
    expect(await client.send('SYST')).toBe('215 UNIX Type: L8');
    expect(server.commands).toEqual(['USER alice', 'PASS secret', 'SYST']);
    expect(server.sessions[0]?.loggedIn).toBe(true);
  });

  it('refuses a wrong password and keeps commands behind the login', async () => {
    const { server, client } = await setup();
    expect(await client.send('PWD')).toBe('530 Please login with USER and PASS.');
    await client.send('USER alice');
    expect(await client.send('PASS wrong')).toBe('530 Login incorrect.');
    expect(server.commands).toContain('PASS wrong');
  });

  it('lets anonymous in with any password only when allowed', async () => {
    const { client } = await setup({ allowAnonymous: true });
    await client.send('USER anonymous');
    expect(await client.send('PASS me@example.com')).toBe('230 Login successful.');
  });

  it('asks for an account when configured', async () => {
    const { client } = await setup({ account: 'acme' });
    await client.send('USER alice');
    expect(await client.send('PASS secret')).toBe('332 Need account for login.');
    expect(await client.send('ACCT nope')).toBe('530 Login incorrect.');
    await client.send('USER alice');
    await client.send('PASS secret');
    expect(await client.send('ACCT acme')).toBe('230 Login successful.');
  });

  it('lists FEAT as a multi-line reply, with the TLS commands only when TLS is set', async () => {
    const { client } = await setup({ features: ['EPSV', 'SIZE'] });
    expect(await client.send('FEAT')).toBe('211-Features:\r\n EPSV\r\n SIZE\r\n211 End');
  });

  it('answers 502 to unknown commands and 221 to QUIT, then closes', async () => {
    const { client } = await setup();
    expect(await client.send('XYZZY')).toBe('502 Command not implemented.');
    expect(await client.send('QUIT')).toBe('221 Goodbye.');
    await expect(client.read()).rejects.toThrow('closed');
  });
});

describe('file system commands', () => {
  it('quotes PWD per RFC 959 and moves with CWD/CDUP', async () => {
    const { client } = await setup({ files: { '/say "hi"/a.txt': 'x' } });
    await login(client);
    expect(await client.send('CWD /say "hi"')).toBe('250 Directory successfully changed.');
    expect(await client.send('PWD')).toBe('257 "/say ""hi""" is the current directory');
    expect(await client.send('CWD /nowhere')).toBe('550 Failed to change directory.');
    await client.send('CDUP');
    expect(await client.send('PWD')).toBe('257 "/" is the current directory');
  });

  it('reports sizes and times, and changes the tree', async () => {
    const { server, client } = await setup({ files: { '/pub/a.txt': 'hello' } });
    await login(client);
    expect(await client.send('SIZE /pub/a.txt')).toBe('213 5');
    expect(await client.send('MDTM /pub/a.txt')).toBe('213 20240115103000');
    expect(await client.send('MFMT 20200102030405 /pub/a.txt')).toBe(
      '213 Modify=20200102030405; /pub/a.txt',
    );
    expect(await client.send('MDTM /pub/a.txt')).toBe('213 20200102030405');
    expect(await client.send('MKD /pub/new')).toBe('257 "/pub/new" created');
    expect(await client.send('RNFR /pub/a.txt')).toBe('350 Ready for RNTO.');
    expect(await client.send('RNTO /pub/new/b.txt')).toBe('250 Rename successful.');
    expect(server.files.get('/pub/new/b.txt')?.toString()).toBe('hello');
    expect(await client.send('RMD /pub/new')).toBe('550 Remove directory operation failed.');
    expect(await client.send('SITE CHMOD 600 /pub/new/b.txt')).toBe('200 SITE CHMOD command ok.');
    expect(await client.send('DELE /pub/new/b.txt')).toBe('250 Delete operation successful.');
    expect(await client.send('RMD /pub/new')).toBe('250 Remove directory operation successful.');
    expect(await client.send('SIZE /pub/a.txt')).toBe('550 Could not get file size.');
  });
});

describe('passive transfers', () => {
  const files = { '/pub/a.txt': 'hello\n', '/pub/.hidden': 'h', '/pub/sub/b.bin': 'bb' };

  it('PASV + LIST sends an ls -l listing between 150 and 226', async () => {
    const { server, client } = await setup({ files });
    await login(client);
    const result = await passiveDownload(client, 'LIST /pub');
    expect(result.opening).toBe('150 Here comes the directory listing.');
    expect(result.final).toBe('226 Transfer complete.');
    const lines = result.data.toString().split('\r\n');
    expect(lines).toEqual([
      '-rw-r--r--    1 ftp      ftp                 6 Jan 15  2024 a.txt',
      'drwxr-xr-x    2 ftp      ftp              4096 Jan 15  2024 sub',
      '',
    ]);
    expect(server.dataConnections).toBe(1);
  });

  it('LIST -a shows hidden entries plus . and ..; NLST shows names', async () => {
    const { client } = await setup({ files });
    await login(client);
    await client.send('CWD /pub');
    const all = await passiveDownload(client, 'LIST -a');
    expect(
      all.data
        .toString()
        .split('\r\n')
        .map((l) => l.split(' ').at(-1)),
    ).toEqual(['.', '..', '.hidden', 'a.txt', 'sub', '']);
    const names = await passiveDownload(client, 'NLST');
    expect(names.data.toString()).toBe('a.txt\r\nsub\r\n');
  });

  it('produces DOS listings and MLSD facts', async () => {
    const { client } = await setup({ files, listing: 'dos' });
    await login(client);
    const dos = await passiveDownload(client, 'LIST /pub');
    expect(dos.data.toString()).toBe(
      '01-15-24  10:30AM                    6 a.txt\r\n' +
        '01-15-24  10:30AM       <DIR>          sub\r\n',
    );
    const mlsd = await passiveDownload(client, 'MLSD /pub/sub');
    expect(mlsd.data.toString().split('\r\n')).toEqual([
      'type=cdir;size=4096;modify=20240115103000; .',
      'type=pdir;size=4096;modify=20240115103000; ..',
      'type=file;size=2;modify=20240115103000; b.bin',
      '',
    ]);
  });

  it('refuses MLSD when FEAT does not list MLST', async () => {
    const { client } = await setup({ files, features: ['EPSV'] });
    await login(client);
    expect(await client.send('MLSD /pub')).toBe('502 Command not implemented.');
  });

  it('EPSV + REST + RETR sends the file from the offset', async () => {
    const { server, client } = await setup({ files: { '/f.bin': '0123456789' } });
    await login(client);
    await client.send('TYPE I');
    const port = parseEpsv(await client.send('EPSV'));
    const socket = await connectData(port);
    const data = readAll(socket);
    expect(await client.send('REST 4')).toBe('350 Restart position accepted (4).');
    expect(await client.send('RETR /f.bin')).toBe(
      '150 Opening BINARY mode data connection for /f.bin (10 bytes).',
    );
    expect((await data).toString()).toBe('456789');
    expect(await client.read()).toBe('226 Transfer complete.');
    expect(server.commands.slice(-3)).toEqual(['EPSV', 'REST 4', 'RETR /f.bin']);
  });

  it('converts line ends in TYPE A, so a client that forgets TYPE I notices', async () => {
    const { client } = await setup({ files: { '/t.txt': 'a\nb\n' } });
    await login(client);
    expect((await passiveDownload(client, 'RETR /t.txt')).data.toString()).toBe('a\r\nb\r\n');
  });

  it('STOR stores the upload, APPE appends, REST + STOR resumes', async () => {
    const { server, client } = await setup({ files: { '/up/keep.txt': 'x' } });
    await login(client);
    await client.send('TYPE I');
    const stored = await passiveUpload(client, 'STOR /up/new.bin', 'abcdef');
    expect([stored.opening, stored.final]).toEqual([
      '150 Ok to send data.',
      '226 Transfer complete.',
    ]);
    expect(server.files.get('/up/new.bin')?.toString()).toBe('abcdef');
    await passiveUpload(client, 'APPE /up/new.bin', 'gh');
    expect(server.files.get('/up/new.bin')?.toString()).toBe('abcdefgh');
    await passiveUpload(client, 'STOR /up/new.bin', 'XYZ', ['REST 3']);
    expect(server.files.get('/up/new.bin')?.toString()).toBe('abcXYZ');
    expect(await client.send('STOR /missing/dir.bin')).toBe('553 Could not create file.');
  });

  it('answers 425 to a transfer without PASV or PORT', async () => {
    const { server, client } = await setup({ files: { '/a': 'a' } });
    await login(client);
    expect(await client.send('RETR /a')).toBe('425 Use PORT or PASV first.');
    expect(server.dataConnections).toBe(0);
  });
});

describe('active transfers', () => {
  async function listenOnce(): Promise<{ port: number; accepted: Promise<net.Socket> }> {
    const listener = net.createServer();
    const accepted = new Promise<net.Socket>((resolve) =>
      listener.once('connection', (socket) => {
        listener.close();
        resolve(socket);
      }),
    );
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const address = listener.address() as net.AddressInfo;
    return { port: address.port, accepted };
  }

  it('PORT: the server connects back when RETR comes and records the address', async () => {
    const { server, client } = await setup({ files: { '/a.txt': 'active data' } });
    await login(client);
    await client.send('TYPE I');
    const { port, accepted } = await listenOnce();
    const reply = await client.send(`PORT 127,0,0,1,${port >> 8},${port & 255}`);
    expect(reply).toBe('200 PORT command successful. Consider using PASV.');
    expect(server.dataConnections).toBe(0);
    expect(await client.send('RETR /a.txt')).toMatch(/^150 /);
    expect((await readAll(await accepted)).toString()).toBe('active data');
    expect(await client.read()).toBe('226 Transfer complete.');
    expect(server.activeTargets).toEqual([{ command: 'PORT', host: '127.0.0.1', port }]);
    expect(server.dataConnections).toBe(1);
  });

  it('EPRT works the same way and bad arguments get 501', async () => {
    const { server, client } = await setup({ files: { '/a.txt': 'eprt' } });
    await login(client);
    expect(await client.send('EPRT |1|127.0.0.1|0|')).toBe('501 Illegal EPRT command.');
    expect(await client.send('PORT 1,2,3')).toBe('501 Illegal PORT command.');
    const { port, accepted } = await listenOnce();
    expect(await client.send(`EPRT |1|127.0.0.1|${port}|`)).toMatch(/^200 /);
    expect(await client.send('RETR /a.txt')).toMatch(/^150 /);
    expect((await readAll(await accepted)).toString()).toBe('eprt');
    expect(await client.read()).toBe('226 Transfer complete.');
    expect(server.activeTargets).toEqual([{ command: 'EPRT', host: '127.0.0.1', port }]);
  });
});

describe('handlers and bookkeeping', () => {
  it('runs a handler instead of the default, which it can still call', async () => {
    let calls = 0;
    const { client } = await setup({
      handlers: {
        NOOP: async (ctx) => {
          calls += 1;
          ctx.reply('200-counting');
          await ctx.defaultHandler();
        },
      },
    });
    expect(await client.send('NOOP')).toBe('200-counting\r\n200 NOOP ok.');
    expect(calls).toBe(1);
  });

  it('gives a handler the data socket through openData', async () => {
    const { client } = await setup({
      handlers: {
        RETR: async ({ openData, reply }) => {
          const socket = await openData();
          reply('150 custom');
          socket.end('from handler');
          reply('226 custom done');
        },
      },
    });
    await login(client);
    const result = await passiveDownload(client, 'RETR anything');
    expect([result.opening, result.data.toString(), result.final]).toEqual([
      '150 custom',
      'from handler',
      '226 custom done',
    ]);
  });

  it('waitForCommand resolves for past and future lines and times out with context', async () => {
    const { server, client } = await setup();
    client.write('USER alice');
    expect(await server.waitForCommand((l) => l.startsWith('USER'))).toBe('USER alice');
    expect(await server.waitForCommand((l) => l === 'USER alice')).toBe('USER alice');
    await expect(server.waitForCommand((l) => l === 'NEVER', 50)).rejects.toThrow(
      /no matching command within 50 ms; last received: USER alice/,
    );
  });

  it('turns away the connection past maxConnections with 421', async () => {
    const { server } = await setup({ maxConnections: 1 });
    const second = await RawFtpClient.connect(server.port);
    clients.push(second);
    expect(await second.read()).toBe('421 Too many connections');
    await expect(second.read()).rejects.toThrow('closed');
    expect(server.controlConnections).toBe(2);
    clients[0]?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await RawFtpClient.connect(server.port);
    clients.push(third);
    expect(await third.read()).toBe('220 Fake FTP ready');
  });
});
