// Smoke test of ftp-servers.ts: all three real servers start side by side, greet, accept the
// test user and anonymous, answer FEAT as expected, serve implicit TLS where configured, and
// are gone after stop(). Deliberately a raw node:net/node:tls conversation: this checks the
// server harness, not our engine (the interop matrix through the engine is separate).
//
// Where the servers cannot be started (not root, install.sh not run) the suite is skipped
// with the reason (said once, by global-setup.ts); with CI=true it runs regardless and
// fails with that reason instead.
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realServersRun } from './availability.js';
import {
  SERVER_CAPABILITIES,
  SERVER_NAMES,
  startServer,
  type RunningServer,
  type ServerName,
} from './ftp-servers.js';

const run = await realServersRun();

/** A minimal FTP control connection: sends commands, returns complete replies. */
class Control {
  private buffer = '';
  private readonly replies: string[] = [];
  private readonly waiting: ((reply: string) => void)[] = [];
  private failure: Error | undefined;

  constructor(private readonly socket: net.Socket | tls.TLSSocket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => (this.failure = error));
  }

  static connect(port: number, implicitTlsCa?: string): Control {
    const socket =
      implicitTlsCa === undefined
        ? net.connect({ host: '127.0.0.1', port })
        : tls.connect({ host: '127.0.0.1', port, ca: implicitTlsCa });
    return new Control(socket);
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    // A reply ends with a line "NNN text"; the lines before it ("NNN-…", or anything for
    // multi-line replies) belong to it.
    for (;;) {
      const lines = this.buffer.split(/\r?\n/);
      const end = lines.slice(0, -1).findIndex((line) => /^\d{3}( |$)/.test(line));
      if (end < 0) return;
      const reply = lines.slice(0, end + 1).join('\n');
      this.buffer = lines.slice(end + 1).join('\r\n');
      const waiter = this.waiting.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    }
  }

  read(timeoutMs = 10_000): Promise<string> {
    const ready = this.replies.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply')), timeoutMs);
      this.waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  async send(command: string): Promise<string> {
    this.socket.write(`${command}\r\n`);
    return this.read();
  }

  close(): void {
    this.socket.destroy();
  }
}

async function login(server: RunningServer, user: string, password: string): Promise<Control> {
  const control = Control.connect(server.port);
  expect(await control.read()).toMatch(/^220[ -]/);
  const afterUser = await control.send(`USER ${user}`);
  // Pure-FTPd logs anonymous in on USER alone (230, no PASS asked for).
  if (afterUser.startsWith('230')) return control;
  expect(afterUser).toMatch(/^331 /);
  expect(await control.send(`PASS ${password}`)).toMatch(/^230[ -]/);
  return control;
}

describe.skipIf(!run)('real FTP servers on 127.0.0.1', () => {
  const servers = new Map<ServerName, RunningServer>();

  beforeAll(async () => {
    // All three at once: they must not collide on ports or files.
    const started = await Promise.allSettled(SERVER_NAMES.map((name) => startServer(name)));
    for (const result of started)
      if (result.status === 'fulfilled') servers.set(result.value.name, result.value);
    const failures = started.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length > 0) {
      await Promise.all([...servers.values()].map((s) => s.stop()));
      throw new Error(failures.map((f) => String((f.reason as Error).message)).join('\n\n'));
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...servers.values()].map((s) => s.stop()));
  });

  it('gives each server its own ports and folder', () => {
    const ports = [...servers.values()].flatMap((s) => {
      const [low, high] = s.passivePortRange;
      const passive = Array.from({ length: high - low + 1 }, (_, i) => low + i);
      return [s.port, ...(s.implicitTlsPort === undefined ? [] : [s.implicitTlsPort]), ...passive];
    });
    expect(new Set(ports).size).toBe(ports.length);
    expect(new Set([...servers.values()].map((s) => s.root)).size).toBe(servers.size);
  });

  describe.each(SERVER_NAMES)('%s', (name) => {
    const server = () => {
      const s = servers.get(name);
      if (s === undefined) throw new Error(`${name} did not start`);
      return s;
    };

    it('logs the test user in and answers FEAT', async () => {
      const s = server();
      const control = await login(s, s.user, s.password);
      const feat = await control.send('FEAT');
      console.info(`${s.version} FEAT:\n${feat}`);
      expect(feat).toMatch(/^211[ -]/);
      expect(feat).toMatch(/^ AUTH TLS$/m);
      expect(feat).toMatch(/^ EPSV$/m);
      expect(/^ MLST /m.test(feat)).toBe(s.features.mlsd);
      expect(await control.send('QUIT')).toMatch(/^221[ -]/);
      control.close();
    });

    it('refuses a wrong password', async () => {
      const s = server();
      const control = Control.connect(s.port);
      await control.read();
      await control.send(`USER ${s.user}`);
      expect(await control.send(`PASS not-${s.password}`)).toMatch(/^530 /);
      control.close();
    });

    it('lets anonymous in', async () => {
      const s = server();
      expect(s.anonymous).toBe(true);
      const control = await login(s, 'anonymous', 'guest@example.com');
      expect(await control.send('PWD')).toMatch(/^257 "\/"/);
      control.close();
    });

    it('serves files written through writeFile() to the test user', async () => {
      const s = server();
      await s.writeFile('smoke/hello.txt', 'hello\n');
      const control = await login(s, s.user, s.password);
      expect(await control.send('TYPE I')).toMatch(/^200 /);
      expect(await control.send('SIZE smoke/hello.txt')).toBe('213 6');
      control.close();
    });

    // Only servers that have implicit TLS get the test; the others must refuse to be asked
    // for it (a skipped test would be reported as if it had passed).
    if (SERVER_CAPABILITIES[name].implicitTls) {
      it('answers implicit TLS', async () => {
        const s = server();
        expect(s.features.implicitTls).toBe(true);
        const port = s.implicitTlsPort;
        if (port === undefined) throw new Error(`${name} has no implicit TLS port`);
        const control = Control.connect(port, readFileSync(s.caFile, 'utf8'));
        expect(await control.read()).toMatch(/^220[ -]/);
        control.close();
      });
    } else {
      it('has no implicit TLS, and refuses to be asked for it', async () => {
        const s = server();
        expect(s.features.implicitTls).toBe(false);
        expect(s.implicitTlsPort).toBeUndefined();
        await expect(startServer(name, { implicitTls: true })).rejects.toThrow(
          `${name} cannot serve implicit TLS`,
        );
      });
    }
  });

  // tls: false is the plain-FTP-only server of the reference article (the end-to-end flows
  // that are not about TLS use it): AUTH TLS refused, logins in clear.
  it.each(SERVER_NAMES)(
    '%s with tls: false offers no TLS',
    async (name) => {
      const s = await startServer(name, { tls: false });
      try {
        expect(s.features.tls).toBe(false);
        expect(s.implicitTlsPort).toBeUndefined();
        const control = await login(s, s.user, s.password);
        const feat = await control.send('FEAT');
        expect(feat).toMatch(/^211[ -]/);
        // Pure-FTPd lists AUTH TLS in FEAT whenever it was built with TLS, even with --tls=0,
        // but refuses it: "500 This security scheme is not implemented".
        if (name !== 'pureftpd') expect(feat).not.toMatch(/^ AUTH/m);
        expect(await control.send('AUTH TLS')).toMatch(/^5\d\d /);
        control.close();
      } finally {
        await s.stop();
      }
      await expect(startServer(name, { tls: false, forceTls: true })).rejects.toThrow(
        'tls: false cannot be combined',
      );
    },
    30_000,
  );

  it('stop() closes the ports and removes the folder', async () => {
    const s = await startServer('vsftpd');
    const { port, dir } = s;
    await s.stop();
    await s.stop(); // twice is fine
    expect(existsSync(dir)).toBe(false);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 30_000);
});
