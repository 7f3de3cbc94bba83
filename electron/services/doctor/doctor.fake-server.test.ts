import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorReport, DoctorStep } from '../../../shared/models/doctor.js';
import {
  generateTestCertificate,
  startFakeFtpServer,
  type FakeFtpServer,
  type FakeFtpServerOptions,
} from '../../test-support/fake-ftp-server.js';
import type { DoctorOptions, DoctorTarget } from './doctor-types.js';
import { runDoctor } from './run-doctor.js';

/**
 * The doctor against the scripted fake server, one fault at a time: each test checks the
 * verdict, the cause in words, the recommendation and what the server received.
 */
let server: FakeFtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const certificate = generateTestCertificate();

async function start(options: FakeFtpServerOptions = {}): Promise<FakeFtpServer> {
  server = await startFakeFtpServer({ files: { '/pub/readme.txt': 'hello' }, ...options });
  return server;
}

function diagnose(
  port: number,
  target: Partial<DoctorTarget> = {},
  extra: Partial<DoctorOptions> = {},
): Promise<DoctorReport> {
  return runDoctor({
    target: {
      host: '127.0.0.1',
      port,
      user: 'alice',
      password: 'secret',
      encryption: 'explicit-if-available',
      transferMode: 'default',
      ...target,
    },
    tlsOptions: { ca: [certificate.cert] },
    timeoutMs: 2_000,
    connectionLimit: 4,
    ...extra,
  });
}

const step = (report: DoctorReport, id: DoctorStep['id']): DoctorStep =>
  report.steps.find((s) => s.id === id) as DoctorStep;

describe('connection doctor against the fake server', () => {
  it('reports a server where everything works, with live steps and a log', async () => {
    const fake = await start({ tls: { key: certificate.key, cert: certificate.cert } });
    const updates: DoctorStep[] = [];
    const lines: string[] = [];
    const report = await diagnose(
      fake.port,
      {},
      {
        onStep: (s) => updates.push(s),
        log: (e) => lines.push(`${e.kind}: ${e.text}`),
      },
    );
    expect(report.usable).toBe(true);
    expect(report.steps.map((s) => s.state)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
    ]);
    expect(step(report, 'tcp').summary).toBe('The server answers: 220 Fake FTP ready');
    expect(step(report, 'tls').findings.find((f) => f.label === 'PROT P')?.outcome).toBe('ok');
    const data = step(report, 'data').findings;
    expect(data.map((f) => [f.label, f.outcome])).toEqual([
      ['EPSV', 'ok'],
      ['PASV', 'ok'],
      ['PORT', 'ok'],
      ['EPRT', 'ok'],
    ]);
    expect(data.every((f) => f.text.includes('TLS session resumed'))).toBe(true);
    // Each method on its own, EPRT over IPv4 too.
    expect(fake.commands).toContain('PASV');
    expect(fake.commands.some((c) => c.startsWith('EPRT |1|127.0.0.1|'))).toBe(true);
    expect(fake.commands.some((c) => /^PORT 127,0,0,1,\d+,\d+$/.test(c))).toBe(true);
    expect(report.recommended).toEqual({
      transferMode: 'passive',
      encryption: 'explicit',
      maxConnections: 0,
      listingCommand: 'auto',
    });
    expect(updates.some((s) => s.id === 'data' && s.state === 'running')).toBe(true);
    expect(lines).toContain('command: PASS ********');
    expect(report.text).toContain(
      'Verdict: Everything works. The recommended settings (transfer mode, encryption) make the site use what works.',
    );
    expect(report.text).toContain('Command: AUTH TLS');
    expect(report.text).not.toContain('secret');
    // Step 7 opened 3 more connections (4 at once) and closed every one.
    expect(fake.controlConnections).toBeGreaterThanOrEqual(5);
    await expect
      .poll(() => fake.sessions.filter((s) => s.commands.at(-1) === 'QUIT').length)
      .toBe(fake.sessions.length - 1);
  });

  it('port closed: says the connection was refused and what that means', async () => {
    const port = await freePort();
    const report = await diagnose(port);
    expect(report.usable).toBe(false);
    expect(step(report, 'tcp').state).toBe('failed');
    expect(report.verdict).toBe(
      `The server cannot be used: connection to the control port — Port ${port} could not be used on any address`,
    );
    expect(report.causes[0]).toContain(
      `127.0.0.1:${port} refused the connection: no FTP server listens on port ${port}`,
    );
    expect(step(report, 'login').state).toBe('skipped');
    expect(report.recommended).toBeNull();
  });

  it('passive blocked: recommends active mode', async () => {
    const fake = await start({ passiveDataPort: 'closed' });
    const report = await diagnose(fake.port, { transferMode: 'passive', encryption: 'none' });
    const data = step(report, 'data');
    expect(data.findings.map((f) => [f.label, f.outcome])).toEqual([
      ['EPSV', 'failed'],
      ['PASV', 'failed'],
      ['PORT', 'ok'],
      ['EPRT', 'ok'],
    ]);
    expect(report.causes).toContain(
      'Passive mode is blocked: the data connection to the port the server named could not be opened. A firewall in front of the server does not open its passive port range, or your own firewall blocks outgoing connections to high ports. Try active mode, or ask the administrator to open the passive ports.',
    );
    expect(report.usable).toBe(true);
    expect(report.recommended?.transferMode).toBe('active');
    expect(report.verdict).toContain('with the recommended settings');
  });

  it('notes the PASV address rewrite when the server names an unroutable address', async () => {
    const fake = await start({ pasvHost: '10.1.2.3' });
    const report = await diagnose(fake.port, { encryption: 'none' });
    const pasv = step(report, 'data').findings.find((f) => f.label === 'PASV');
    expect(pasv?.outcome).toBe('warning');
    expect(pasv?.text).toBe(
      "works; the server named 10.1.2.3 (a private, unroutable address); Portside connected to the server's own address instead",
    );
    expect(
      report.causes.some((c) => c.startsWith('The server announces a private address (10.1.2.3)')),
    ).toBe(true);
    expect(report.text).toContain(
      'Status: Server sent passive reply with unroutable address. Using server address instead.',
    );
    expect(report.usable).toBe(true);
  });

  it('active blocked: recommends passive mode', async () => {
    // The server accepts PORT/EPRT but cannot connect back: 425 on the transfer.
    const accepted = (c: { reply(line: string): void }) => c.reply('200 Command okay.');
    const fake = await start({ handlers: { PORT: accepted, EPRT: accepted } });
    const report = await diagnose(fake.port, { transferMode: 'active', encryption: 'none' });
    const data = step(report, 'data');
    expect(data.findings.map((f) => [f.label, f.outcome])).toEqual([
      ['EPSV', 'ok'],
      ['PASV', 'ok'],
      ['PORT', 'failed'],
      ['EPRT', 'failed'],
    ]);
    expect(
      report.causes.some((c) =>
        c.startsWith('Active mode is blocked: the server could not connect back'),
      ),
    ).toBe(true);
    expect(report.recommended?.transferMode).toBe('passive');
  });

  it('TLS refused on a site that requires TLS: the password is never sent', async () => {
    const fake = await start({
      tls: { key: certificate.key, cert: certificate.cert },
      handlers: { AUTH: (c) => c.reply('502 AUTH not available.') },
    });
    const report = await diagnose(fake.port, { encryption: 'explicit' });
    expect(report.usable).toBe(false);
    expect(step(report, 'tls').state).toBe('failed');
    expect(step(report, 'login').state).toBe('skipped');
    expect(report.causes[0]).toBe(
      "The server does not offer encryption: it refused AUTH TLS (502 AUTH not available.). Everything, the password included, travels in clear unless the server's administrator enables FTP over TLS.",
    );
    expect(report.verdict).toBe(
      'The server cannot be used: encryption (tls) — TLS does not work, and this site requires it',
    );
    expect(fake.commands.filter((c) => c.startsWith('PASS'))).toEqual([]);
  });

  it('TLS refused on a "TLS if available" site: usable in clear, with a warning', async () => {
    const fake = await start({
      tls: { key: certificate.key, cert: certificate.cert },
      handlers: { AUTH: (c) => c.reply('502 AUTH not available.') },
    });
    const report = await diagnose(fake.port, { encryption: 'explicit-if-available' });
    expect(report.usable).toBe(true);
    expect(step(report, 'tls').state).toBe('warning');
    expect(report.recommended?.encryption).toBe('explicit-if-available');
    expect(fake.commands).toContain('PASS secret');
    expect(fake.sessions.some((s) => s.secure)).toBe(false);
  });

  it('an untrusted certificate: shows it, and does not fall back to plain FTP', async () => {
    const fake = await start({ tls: { key: certificate.key, cert: certificate.cert } });
    const seen: string[] = [];
    const report = await diagnose(
      fake.port,
      { encryption: 'explicit-if-available' },
      { tlsOptions: { trust: (info) => (seen.push(info.fingerprint256), false) } },
    );
    expect(report.usable).toBe(false);
    expect(seen).toHaveLength(1);
    const tls = step(report, 'tls');
    expect(tls.state).toBe('failed');
    const shown = tls.findings.find((f) => f.label === 'Certificate');
    expect(shown?.outcome).toBe('failed');
    expect(shown?.text).toContain(`SHA-256 ${seen[0] ?? ''}`);
    expect(report.causes[0]).toMatch(/^The server's certificate is not trusted \(/);
    expect(step(report, 'login').state).toBe('skipped');
    expect(fake.commands.filter((c) => c.startsWith('PASS'))).toEqual([]);
  });

  it('522 on data connections without session reuse: explains require_ssl_reuse', async () => {
    const refuse = async (c: {
      openData(): Promise<{ destroy(): void }>;
      reply(line: string): void;
    }) => {
      const socket = await c.openData();
      socket.destroy();
      c.reply('522 SSL connection failed: session reuse required');
    };
    const fake = await start({
      tls: { key: certificate.key, cert: certificate.cert },
      handlers: { LIST: refuse, MLSD: refuse },
    });
    const report = await diagnose(fake.port, { encryption: 'explicit' });
    expect(report.usable).toBe(false);
    expect(step(report, 'data').state).toBe('failed');
    expect(step(report, 'data').findings.every((f) => f.outcome === 'failed')).toBe(true);
    expect(report.causes[0]).toContain(
      'The server refused the TLS session of the data connection (522)',
    );
    expect(report.causes[0]).toContain("vsftpd's require_ssl_reuse");
    expect(report.verdict).toBe(
      'The server cannot be used: data connection — No data connection could be opened',
    );
  });

  it('421 at the third connection: recommends a limit of 2', async () => {
    const fake = await start({ maxConnections: 2 });
    const report = await diagnose(fake.port, { encryption: 'none' }, { connectionLimit: 10 });
    expect(step(report, 'connections').summary).toBe('The server allows 2 connections at once');
    expect(report.causes).toContain(
      'The server accepts 2 connections at once from you and refused the next (421 Too many connections). Limit this site to 2 connections so transfers do not fail with "too many connections".',
    );
    expect(report.recommended?.maxConnections).toBe(2);
    expect(report.usable).toBe(true);
  });

  it('wrong password: says the server cannot tell user from password apart', async () => {
    const fake = await start();
    const report = await diagnose(fake.port, { password: 'wrong-one', encryption: 'none' });
    expect(report.usable).toBe(false);
    expect(step(report, 'login').state).toBe('failed');
    expect(
      report.causes.some((c) =>
        c.startsWith('Wrong password, or a user name the server does not know'),
      ),
    ).toBe(true);
    expect(report.verdict).toMatch(
      /^The server cannot be used: login — The server refused the login: 530 /,
    );
    expect(report.text).not.toContain('wrong-one');
    expect(fake.commands).toContain('PASS wrong-one');
  });

  it('resolves every address of a name through the injected resolver', async () => {
    const fake = await start();
    const report = await diagnose(
      fake.port,
      { host: 'ftp.example.test', encryption: 'none' },
      {
        resolve: async () => [
          { address: '127.0.0.1', family: 4 },
          { address: '::1', family: 6 },
        ],
      },
    );
    const dns = step(report, 'dns');
    expect(dns.findings.map((f) => `${f.label} ${f.text}`)).toEqual(['IPv4 127.0.0.1', 'IPv6 ::1']);
    expect(dns.summary).toBe('ftp.example.test resolves to 2 addresses (1 IPv4, 1 IPv6)');
    expect(report.usable).toBe(true);
  });
});

/** A port nobody listens on: bound, then released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
