import { connect as netConnect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { failure, sink, useEngineHarness } from './engine-harness.js';

/**
 * Issue 9 items 12, 13 and 16 through the engine (the reply parser's own rules are pinned
 * in electron/ftp/reply-parser.test.ts), and item 4's listener lifetime.
 */
const engine = useEngineHarness();
const file = Buffer.alloc(20_000, 7);

describe('security 9.12: replies that try to exhaust memory close the connection with an error', () => {
  it.each([
    ['a reply line over 64 KiB', `215 ${'x'.repeat(70_000)}\r\n`],
    ['a reply that never ends', `215 ${'y'.repeat(70_000)}`],
    ['an endless multi-line reply', `215-start\r\n${' more\r\n'.repeat(12_000)}`],
  ])('%s', async (_what, raw) => {
    await engine.start({ handlers: { SYST: (c) => c.writeRaw(raw) } });
    const error = await failure(engine.connect());
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/64 KiB/);
    // Nothing after SYST was sent: the connection was given up.
    expect(engine.server.commands.at(-1)).toBe('SYST');
  });
});

describe('security 9.13: NUL bytes and codes that are not three digits are refused; LF-only ends are accepted', () => {
  it.each([
    ['a NUL byte', '215 UNIX\0Type: L8\r\n'],
    ['a two-digit code', '21 UNIX\r\n'],
    ['a four-digit code', '2150 UNIX\r\n'],
  ])('refuses %s', async (_what, raw) => {
    await engine.start({ handlers: { SYST: (c) => c.writeRaw(raw) } });
    const error = await failure(engine.connect());
    expect(error.code).toBe('protocol');
    expect(engine.server.commands.at(-1)).toBe('SYST');
  });

  it('accepts replies ended by LF alone', async () => {
    await engine.start({ handlers: { PWD: (c) => c.writeRaw('257 "/pub" is here\n') } });
    const client = await engine.connect();
    expect(await client.pwd()).toBe('/pub');
    await client.quit();
  });
});

describe('security 9.16: a data port that accepts and stays silent times out clearly; the session recovers', () => {
  it('fails the download with a timeout, then lists on the same connection', async () => {
    await engine.start({ files: { '/a.bin': file }, dataFaults: { RETR: { stallAfterBytes: 0 } } });
    const client = await engine.connect({ timeouts: { dataMs: 300, replyMs: 3000 } });
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/data connection stalled: nothing moved for 0 seconds/);
    expect(engine.server.commands).toContain('ABOR');
    expect((await client.list()).entries.map((entry) => entry.name)).toEqual(['a.bin']);
    await client.quit();
  });
});

describe('security 9.4: the active-mode listener closes after the transfer or its timeout', () => {
  const refused = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = netConnect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });

  it('no longer listens once the transfer is done', async () => {
    await engine.start({ files: { '/a.bin': file } });
    const client = await engine.connect({ mode: 'active' });
    const out = sink();
    await client.download('a.bin', out.stream);
    expect(out.data().equals(file)).toBe(true);
    const target = engine.server.activeTargets.at(-1);
    expect(target?.command).toBe('PORT');
    expect(await refused(target?.port ?? 0)).toBe(true);
    await client.quit();
  });

  it('gives up on a server that never connects back, and stops listening', async () => {
    await engine.start({
      files: { '/a.bin': file },
      // 150 as if the server were connecting, then nothing: it never opens the data connection.
      handlers: { RETR: (c) => c.reply('150 Opening BINARY mode data connection.') },
    });
    const client = await engine.connect({
      mode: 'active',
      timeouts: { dataMs: 300, replyMs: 3000 },
    });
    const error = await failure(client.download('a.bin', sink().stream));
    expect(error.code).toBe('timeout');
    const target = engine.server.activeTargets.at(-1);
    expect(await refused(target?.port ?? 0)).toBe(true);
    expect(engine.server.dataConnections).toBe(0);
  });
});
