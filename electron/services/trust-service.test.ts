import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateInfo } from '../../shared/models/session.js';
import { RecordingSink } from '../test-support/recording-sink.js';
import { TrustService } from './trust-service.js';

const certificate = (fingerprint256: string): CertificateInfo => ({
  host: 'ftp.example.com',
  port: 21,
  fingerprint256,
  subject: 'CN=ftp.example.com',
  issuer: 'CN=ftp.example.com',
  validFrom: '',
  validTo: '',
  reason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
});
const A = 'AA:BB';
const B = 'CC:DD';

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('security 9.24: TrustService pins to host:port and asks again for a changed certificate', () => {
  it('pins on "always", accepts the pinned certificate silently, and asks again (changed) for another', async () => {
    dir = await mkdtemp(join(tmpdir(), 'portside-trust-'));
    const sink = new RecordingSink();
    const trust = await TrustService.open(dir, sink.emit);
    const first = trust.decide('s1', certificate(A));
    const question = await sink.next('trust:request');
    expect(question).toMatchObject({
      sessionId: 's1',
      changed: false,
      certificate: { fingerprint256: A },
    });
    trust.respond(question.requestId, 'always');
    expect(await first).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'trusted-certificates.json'), 'utf8'))).toEqual({
      version: 1,
      pins: { 'ftp.example.com:21': A },
    });

    const reopened = await TrustService.open(dir, sink.emit);
    expect(await reopened.decide('s2', certificate(A))).toBe(true);
    expect(sink.of('trust:request')).toHaveLength(1);

    const changed = reopened.decide('s3', certificate(B));
    const second = await sink.next('trust:request', (q) => q.sessionId === 's3');
    expect(second.changed).toBe(true);
    reopened.respond(second.requestId, 'reject');
    expect(await changed).toBe(false);
  });

  it('trusts "once" without pinning, and rejects open questions on dispose', async () => {
    dir = await mkdtemp(join(tmpdir(), 'portside-trust-'));
    const sink = new RecordingSink();
    const trust = await TrustService.open(dir, sink.emit);
    const once = trust.decide('s1', certificate(A));
    trust.respond((await sink.next('trust:request')).requestId, 'once');
    expect(await once).toBe(true);
    // The same certificate again in this run (a transfer connection): no second question.
    expect(await trust.decide('s1', certificate(A))).toBe(true);
    expect(sink.of('trust:request')).toHaveLength(1);
    // …but nothing is pinned on disk.
    await expect(readFile(join(dir, 'trusted-certificates.json'), 'utf8')).rejects.toThrow(
      /ENOENT/,
    );
    const pending = trust.decide('s2', certificate(B));
    await sink.next('trust:request', (q) => q.sessionId === 's2');
    trust.dispose();
    expect(await pending).toBe(false);
    expect(() => trust.respond('unknown', 'once')).toThrow(/already answered or expired/);
  });
});
