import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { FtpError } from '../ftp/errors.js';
import { secureData } from '../ftp/tls.js';
import { generateTestCertificate } from '../test-support/fake-ftp-server.js';

/**
 * Issue 9 item 24, the last clause: a data connection must present the certificate the
 * control connection presented. A trust decision (or a pin) made for the control
 * connection must not cover whoever answers the data port. The fake FTP server always
 * uses one certificate, so this drives secureData against a TLS listener directly.
 */
const control = generateTestCertificate();
const other = anotherCertificate();
let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) =>
    server === undefined ? resolve(undefined) : server.close(resolve),
  );
  server = undefined;
});

async function dataListener(certificate: { key: string; cert: string }): Promise<number> {
  server = createServer(certificate, (socket) => socket.end('data'));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A second self-signed certificate for 127.0.0.1 (generateTestCertificate caches one). */
function anotherCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'portside-other-cert-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
        .concat(['-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=127.0.0.1'])
        .concat(['-addext', 'subjectAltName=IP:127.0.0.1']),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SHA-256 fingerprint as the control connection would have recorded it. */
const fingerprintOf = (certificate: { cert: string }) =>
  new X509Certificate(certificate.cert).fingerprint256;

describe('security 9.24: the data connection must present the control connection’s certificate', () => {
  it('refuses a data connection with another certificate, even one trusted by the CA list', async () => {
    const controlFingerprint = fingerprintOf(control);
    const port = await dataListener(other);
    const error = await secureData(
      await rawConnect(port),
      '127.0.0.1',
      undefined,
      controlFingerprint,
      { ca: [control.cert, other.cert] },
      5000,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FtpError);
    expect((error as FtpError).message).toBe(
      'The data connection presented a different certificate than the control connection; refused',
    );
  });

  it('accepts the same certificate (the control case)', async () => {
    const controlFingerprint = fingerprintOf(control);
    const port = await dataListener(control);
    const secured = await secureData(
      await rawConnect(port),
      '127.0.0.1',
      undefined,
      controlFingerprint,
      { ca: [control.cert] },
      5000,
    );
    expect(secured.getPeerCertificate().fingerprint256).toBe(controlFingerprint);
    secured.destroy();
  });
});
