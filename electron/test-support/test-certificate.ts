// A self-signed certificate for 127.0.0.1, made with the openssl CLI because Node has no
// certificate generator built in. Generated once per process: tests in one worker share it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

let cached: TestCertificate | undefined;

/**
 * Self-signed certificate for CN=127.0.0.1 with SAN IP:127.0.0.1, so a client that verifies
 * against it (`ca: cert`) accepts the fake server by IP. Throws when openssl is missing.
 */
export function generateTestCertificate(): TestCertificate {
  if (cached !== undefined) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'portside-test-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    try {
      // P-256 instead of RSA: generation takes milliseconds, not seconds.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          keyPath,
          '-out',
          certPath,
          '-days',
          '3650',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
      );
    } catch (error) {
      const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
      throw new Error(
        missing
          ? 'generateTestCertificate needs the openssl command on PATH (Debian: apt-get install openssl).'
          : `openssl could not generate the test certificate: ${String(error)}`,
        { cause: error },
      );
    }
    cached = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
