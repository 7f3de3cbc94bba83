import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeFtpServer, type FakeFtpServer } from '../test-support/fake-ftp-server.js';
import { runCli } from '../test-support/run-cli.js';

/** `portside doctor` as a process, against faults only the scripted server produces. */
let server: FakeFtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('portside doctor', () => {
  it('exits 0 and recommends active mode when passive data connections are blocked', async () => {
    server = await startFakeFtpServer({ passiveDataPort: 'closed' });
    const run = await runCli([
      'doctor',
      `ftp://alice:secret@127.0.0.1:${server.port}/`,
      '--tls',
      'none',
      '--timeout',
      '2',
      '--log',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  Transfer mode: Active\n');
    expect(run.stdout).toContain('\n  - Passive mode is blocked: ');
    expect(run.stderr).toMatch(/^\[warning\] Data connection: PORT, EPRT work$/m);
    expect(run.stderr).toContain('Command: PASS ********');
    expect(run.stdout + run.stderr).not.toContain('secret');
  });

  it('exits 1 when nothing listens on the port', async () => {
    const port = await freePort();
    const run = await runCli(['doctor', `ftp://127.0.0.1:${port}/`, '--timeout', '2']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `Verdict: The server cannot be used: connection to the control port`,
    );
    expect(run.stdout).toContain(`no FTP server listens on port ${port}`);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
