// The connection doctor against real vsftpd, ProFTPD and Pure-FTPd: success on each, a real
// connection limit, a repair (a site that fails until the doctor's recommendation is
// applied), and `portside doctor` as a process. Faults real servers will not produce are in
// electron/services/doctor/doctor.fake-server.test.ts.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorProgress, DoctorReport, DoctorStep } from '../../shared/models/doctor.js';
import { runDoctor } from '../../electron/services/doctor/run-doctor.js';
import { runCli } from '../../electron/test-support/run-cli.js';
import {
  startServices,
  type ServicesHarness,
} from '../../electron/test-support/services-harness.js';
import { realServersRun } from '../servers/availability.js';
import {
  SERVER_CAPABILITIES,
  SERVER_NAMES,
  startServer,
  type RunningServer,
  type StartOptions,
} from '../servers/ftp-servers.js';

const run = await realServersRun();

const step = (report: DoctorReport, id: DoctorStep['id']): DoctorStep =>
  report.steps.find((s) => s.id === id) as DoctorStep;

function useServer(name: (typeof SERVER_NAMES)[number], options: StartOptions = {}) {
  let server: RunningServer | undefined;
  let ca = '';
  beforeAll(async () => {
    server = await startServer(name, options);
    await server.writeFile('pub/readme.txt', 'hello');
    ca = await readFile(server.caFile, 'utf8');
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => ({ server: server as RunningServer, ca });
}

describe.skipIf(!run)('connection doctor against real servers', () => {
  describe.each(SERVER_NAMES)('%s', (name) => {
    const current = useServer(name);

    it('finds everything working over explicit TLS and recommends it', async () => {
      const { server, ca } = current();
      const report = await runDoctor({
        target: {
          host: server.host,
          port: server.port,
          user: server.user,
          password: server.password,
          encryption: 'explicit-if-available',
          transferMode: 'default',
        },
        tlsOptions: { ca: [ca] },
        timeoutMs: 10_000,
        connectionLimit: 4,
      });
      expect(report.steps.map((s) => `${s.id} ${s.state}`)).toEqual([
        'dns passed',
        'tcp passed',
        'tls passed',
        'login passed',
        'data passed',
        'listing passed',
        'connections passed',
      ]);
      expect(report.usable).toBe(true);
      expect(step(report, 'tcp').summary).toMatch(/^The server answers: 220[ -]/);
      const data = step(report, 'data').findings;
      expect(data.map((f) => f.label)).toEqual(['EPSV', 'PASV', 'PORT', 'EPRT']);
      // Data connections resume the control connection's TLS session (which vsftpd and
      // ProFTPD require here); Pure-FTPd sends no ticket to resume, and does not ask for it.
      for (const finding of data) {
        expect(finding.text).toContain(
          SERVER_CAPABILITIES[name].requireSslReuse ? 'TLS session resumed' : 'TLS session',
        );
      }
      const listing = step(report, 'listing').findings;
      const mlsd = listing.find((f) => f.label === 'MLSD');
      if (SERVER_CAPABILITIES[name].mlsd) expect(mlsd?.text).toMatch(/read by the mlsd parser$/);
      else expect(mlsd?.outcome).toBe('info');
      expect(listing.find((f) => f.label === 'LIST')?.text).toMatch(/read by the unix parser$/);
      expect(report.recommended).toEqual({
        transferMode: 'passive',
        encryption: 'explicit',
        maxConnections: 0,
        listingCommand: 'auto',
      });
      expect(report.text).toContain('Command: PASS ********');
      expect(report.text).not.toContain(server.password);
    });
  });

  describe('vsftpd allowing 2 connections per address', () => {
    const current = useServer('vsftpd', { maxClientsPerIp: 2 });

    it('counts the connections the server accepts and recommends that limit', async () => {
      const { server, ca } = current();
      const report = await runDoctor({
        target: {
          host: server.host,
          port: server.port,
          user: server.user,
          password: server.password,
          encryption: 'explicit',
          transferMode: 'passive',
        },
        tlsOptions: { ca: [ca] },
        timeoutMs: 10_000,
        connectionLimit: 10,
      });
      expect(step(report, 'connections').summary).toBe('The server allows 2 connections at once');
      expect(report.recommended?.maxConnections).toBe(2);
      expect(
        report.causes.some((c) => c.startsWith('The server accepts 2 connections at once')),
      ).toBe(true);
    });
  });

  describe('vsftpd that refuses plain logins', () => {
    const current = useServer('vsftpd', { forceTls: true });
    let harness: ServicesHarness | undefined;
    afterAll(async () => {
      await harness?.close();
    });

    it('a site saved as plain FTP fails, the doctor recommends TLS, and after applying it connects and lists', async () => {
      const { server } = current();
      harness = await startServices();
      const h = harness;
      await h.call('sites:save', {
        id: 'forced',
        parentId: null,
        name: 'Forced TLS',
        host: server.host,
        port: server.port,
        encryption: 'none',
        logonType: 'normal',
        user: server.user,
        password: server.password,
        transferMode: 'default',
        localFolder: '',
        remoteFolder: '',
        maxConnections: 0,
        comments: '',
      });
      const before = await h.invoke('session:connect', { siteId: 'forced' });
      expect(before.ok).toBe(false);
      expect(before.ok ? '' : before.error.message).toContain(
        'Non-anonymous sessions must use encryption',
      );

      // The self-signed certificate: the user trusts it when asked, as in the app.
      const answered = h.sink
        .next('trust:request', () => true, 60_000)
        .then((request) =>
          h.call('trust:respond', { requestId: request.requestId, decision: 'always' }),
        );
      const { runId } = await h.call('doctor:run', { siteId: 'forced' });
      const done = await h.sink.next(
        'doctor:progress',
        (p: DoctorProgress) =>
          p.runId === runId && (p.report !== undefined || p.error !== undefined),
        120_000,
      );
      await answered;
      expect(done.error).toBeUndefined();
      expect(done.report?.usable).toBe(true);
      expect(done.report?.recommended?.encryption).toBe('explicit');

      const site = await h.call('doctor:apply', { runId });
      expect(site.encryption).toBe('explicit');
      const after = await h.call('session:connect', { siteId: 'forced' });
      expect(after.secure).toBe(true);
      const listing = await h.call('remote:list', { sessionId: after.sessionId, path: '/pub' });
      expect(listing.entries.map((e) => e.name)).toEqual(['readme.txt']);
      await h.call('session:disconnect', { sessionId: after.sessionId });
    });
  });

  describe('portside doctor (the CLI)', () => {
    const current = useServer('proftpd');

    it('prints the report and exits 0 for a working server, 1 for a wrong password', async () => {
      const { server } = current();
      const url = (password: string) =>
        `ftp://${server.user}:${encodeURIComponent(password)}@${server.host}:${server.port}/`;
      const good = await runCli([
        'doctor',
        url(server.password),
        '--ca',
        server.caFile,
        '--timeout',
        '10',
      ]);
      expect(good.code).toBe(0);
      expect(good.stdout).toContain('Verdict: Everything works.');
      expect(good.stdout).toContain('Encryption: Require explicit FTP over TLS');
      expect(good.stderr).toMatch(/^\[passed\] Data connection: EPSV, PASV, PORT, EPRT work$/m);
      expect(good.stdout + good.stderr).not.toContain(server.password);

      const bad = await runCli([
        'doctor',
        url('not-the-password'),
        '--ca',
        server.caFile,
        '--timeout',
        '10',
      ]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(
        /^Verdict: The server cannot be used: login — The server refused the login: 530/m,
      );
      expect(bad.stdout).toContain('Wrong password, or a user name the server does not know');
      expect(bad.stdout).not.toContain('not-the-password');
    });
  });
});
