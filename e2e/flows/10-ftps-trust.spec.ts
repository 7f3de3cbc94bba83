// Flow 10: FTPS with a self-signed certificate. The trust dialog shows the certificate's
// SHA-256 fingerprint (the one the server really has), trusting it connects over TLS, and
// a different certificate at the same host:port later is a "changed certificate" that
// must be asked about again.
//
// Pins are per host:port, and the servers harness gives each start new ports, so the
// "same server with a new certificate" is two real server instances (each start makes its
// own certificate) behind one fixed local port (app/tcp-forwarder.ts). They are the
// worker's kind of server (vsftpd unless PORTSIDE_E2E_SERVER says otherwise), with TLS.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { canStartServer, startServer, type RunningServer } from '../servers/ftp-servers.js';
import { expect, test as base } from '../app/fixtures.js';
import { namesIn, sha256File } from '../app/disk.js';
import { startTcpForwarder, type TcpForwarder } from '../app/tcp-forwarder.js';
import { firstUnmatched } from '../pages/message-log.js';
import { PortsideWindow } from '../pages/portside-window.js';

interface Ftps {
  /** The FTPS server first seen at the forwarder's address. */
  readonly first: RunningServer;
  readonly front: TcpForwarder;
  /** What to type into Quickconnect: the forwarder's address, the server's login. */
  readonly target: { host: string; port: number; user: string; password: string };
  /** Starts another FTPS server (new certificate) and puts it behind the same address. */
  replace(): Promise<RunningServer>;
}

const test = base.extend<{ ftps: Ftps }>({
  ftps: async ({ ftpServerName }, use, testInfo) => {
    const can = await canStartServer(ftpServerName);
    if (!can.ok) {
      if (process.env['CI'] === 'true') throw new Error(can.reason);
      testInfo.skip(true, can.reason);
      return;
    }
    const password = randomBytes(12).toString('base64url');
    // TLS offered (the harness default), explicit; vsftpd and ProFTPD require data
    // connections to resume the control connection's TLS session.
    const servers = [await startServer(ftpServerName, { password })];
    const first = servers[0] as RunningServer;
    await first.writeFile('secure-hello.txt', 'served over TLS\n');
    const front = await startTcpForwarder(first.port);
    await use({
      first,
      front,
      target: { host: front.host, port: front.port, user: first.user, password },
      async replace() {
        const next = await startServer(ftpServerName, { password });
        servers.push(next);
        await next.writeFile('second-server.txt', 'a new certificate\n');
        front.target(next.port);
        return next;
      },
    });
    await front.close();
    await Promise.all(servers.map((server) => server.stop()));
  },
});

/** What the status bar says for a TLS session at the forwarder's address. */
function connectedOverTls(ftps: Ftps): string {
  return `Connected to ${ftps.target.user}@127.0.0.1:${ftps.target.port} (FTP over TLS)`;
}

test('flow 10, security 9.24: the trust dialog shows the fingerprint; trusting it connects over TLS', async ({
  app,
  ftps,
  host,
  localDir,
}, testInfo) => {
  await app.quickconnect.connect(ftps.target);

  await expect(app.trust.dialog).toBeVisible();
  await expect(app.trust.dialog).toHaveAccessibleName('Unknown certificate');
  await expect(app.trust.dialog).toContainText(ftps.first.fingerprint256);
  await expect(app.trust.dialog).toContainText(`127.0.0.1:${ftps.target.port}`);
  await app.attachScreenshot(testInfo, 'flow 10: unknown certificate');
  await app.trust.alwaysTrust.click();

  await expect(app.trust.dialog).toBeHidden();
  await expect(app.statusBar.connection).toHaveText(connectedOverTls(ftps));
  await expect
    .poll(async () =>
      firstUnmatched(await app.log.lines(), [
        { kind: 'Command', text: /^AUTH TLS$/ },
        { kind: 'Response', text: /^234 / },
        { kind: 'Command', text: new RegExp(`^USER ${ftps.target.user}$`) },
        { kind: 'Command', text: /^PASS \*+$/ },
        { kind: 'Response', text: /^230 / },
        { kind: 'Command', text: /^PBSZ 0$/ },
        { kind: 'Command', text: /^PROT P$/ },
        { kind: 'Status', text: /^Directory listing successful/ },
      ]),
    )
    .toBeNull();
  expect(await app.remotePane.names()).toEqual(await namesIn(ftps.first.root));

  // "Always" means always: after a restart the same certificate is not asked about.
  const again = new PortsideWindow(await host.restart());
  await again.ready(localDir);
  await again.quickconnect.connect(ftps.target);
  await expect(again.statusBar.connection).toHaveText(connectedOverTls(ftps));
  await expect(again.trust.dialog).toBeHidden();
  await again.attachScreenshot(testInfo, 'flow 10: trusted, after a restart');
});

test('flow 10, security 9.24: a changed certificate at the same address prompts again', async ({
  app,
  ftps,
}, testInfo) => {
  await app.quickconnect.connect(ftps.target);
  await app.trust.alwaysTrust.click();
  await expect(app.statusBar.connection).toHaveText(connectedOverTls(ftps));
  await app.page.getByRole('toolbar').getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.statusBar.connection).toContainText('Disconnected');

  const second = await ftps.replace();
  expect(second.fingerprint256).not.toBe(ftps.first.fingerprint256);

  // Same address, new certificate: asked again, marked as changed, with the new fingerprint.
  await app.quickconnect.connectButton.click();
  await expect(app.trust.changedDialog).toBeVisible();
  await expect(app.trust.changedDialog).toContainText(second.fingerprint256);
  await expect(app.trust.changedDialog).not.toContainText(ftps.first.fingerprint256);
  await app.attachScreenshot(testInfo, 'flow 10: certificate changed');

  // Refusing it refuses the connection, and says why next to the bar.
  await app.trust.cancel.click();
  await expect(app.quickconnect.alert).toContainText('The secure connection could not be set up');
  await expect(app.statusBar.connection).toContainText('Could not connect');

  // Asked again on the next try; trusting it connects to the new server.
  await app.quickconnect.connectButton.click();
  await expect(app.trust.changedDialog).toContainText(second.fingerprint256);
  await app.trust.alwaysTrust.click();
  await expect(app.statusBar.connection).toHaveText(connectedOverTls(ftps));
  await expect(app.remotePane.row('second-server.txt')).toBeVisible();
  expect(await app.remotePane.names()).toEqual(await namesIn(second.root));
});

test('flow 10: a download over a trusted FTPS connection arrives intact', async ({
  app,
  ftps,
  localDir,
}, testInfo) => {
  await ftps.first.writeFile('secure.bin', randomBytes(200_000));
  await app.quickconnect.connect(ftps.target);
  await expect(app.trust.dialog).toContainText(ftps.first.fingerprint256);
  await app.trust.alwaysTrust.click();
  await expect(app.statusBar.connection).toHaveText(connectedOverTls(ftps));

  // The queue opens its own connection for the transfer: it must honour the pin just made
  // (or ask again), not fail on the certificate the user has already trusted.
  await app.remotePane.doubleClick('secure.bin');
  const ended = await app.queue.waitUntilFinished(1);
  if (ended.failed > 0) {
    await app.queue.show('Failed transfers');
    await app.attachScreenshot(testInfo, 'flow 10: the download failed');
    const why = await app.queue.row('secure.bin').textContent();
    expect(ended.failed, `the download failed: ${why ?? ''}`).toBe(0);
  }
  await app.queue.show('Successful transfers');
  await expect(app.queue.row('secure.bin')).toContainText('Transferred');
  expect(await sha256File(join(localDir, 'secure.bin'))).toBe(
    await sha256File(join(ftps.first.root, 'secure.bin')),
  );
  await app.attachScreenshot(testInfo, 'flow 10: downloaded over TLS');
});
