// Per-instance secrets: a fresh self-signed certificate and the crypt(3) hash of the test
// user's password.

import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { run } from './processes.js';
/** A self-signed certificate for 127.0.0.1 (the client must trust it via caFile). */
export async function makeCertificate(
  tlsDir: string,
): Promise<{ cert: string; key: string; fingerprint256: string }> {
  const cert = path.join(tlsDir, 'cert.pem');
  const key = path.join(tlsDir, 'key.pem');
  // RSA rather than EC: vsftpd's option is literally rsa_cert_file, and every client
  // (lftp/GnuTLS, curl, Node) accepts it. CA:TRUE (openssl req -x509's default) lets clients
  // use the certificate itself as the trust anchor.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-sha256',
    '-days',
    '30',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  await fs.chmod(key, 0o600);
  await fs.chmod(cert, 0o644);
  const fingerprint256 = new X509Certificate(await fs.readFile(cert)).fingerprint256;
  return { cert, key, fingerprint256 };
}

/** SHA-512 crypt(3) hash: understood by pam_pwdfile, ProFTPD's AuthUserFile and PureDB. */
export async function cryptPassword(password: string): Promise<string> {
  return (await run('openssl', ['passwd', '-6', '-stdin'], `${password}\n`)).trim();
}
