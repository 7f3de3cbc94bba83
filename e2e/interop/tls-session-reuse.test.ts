// TLS session reuse, proven by the servers themselves. vsftpd (require_ssl_reuse=YES) and
// ProFTPD (mod_tls's default) refuse a TLS data connection that does not resume the control
// connection's session. The session arrives differently per TLS version: under TLS 1.2 it
// is set during the handshake; under TLS 1.3 it comes as tickets after the handshake (both
// servers send two). Each version is forced here, three transfers go over one connection,
// and what the server logged about each TLS connection is checked: the version, and that
// every data connection resumed the session. (Pure-FTPd requires no reuse, sends no TLS 1.3
// ticket, and logs only to syslog: there is nothing to check it against.)
import { readFileSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, PassThrough } from 'node:stream';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { realServersRun } from '../servers/availability.js';
import type { RunningServer, ServerName } from '../servers/ftp-servers.js';
import { withEngine } from './engine-session.js';
import { AWKWARD_NAMES, contentOf, removeRemote, useInteropServer } from './fixtures.js';
import { combinations } from './matrix.js';
import { cliTarget, expectSuccess, portside, remoteUrl } from './portside-cli.js';

const run = await realServersRun();
const REUSE_SERVERS: readonly ServerName[] = ['vsftpd', 'proftpd'];
const VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const;
type Version = (typeof VERSIONS)[number];

describe.skipIf(!run)('TLS session reuse on data connections', () => {
  describe.each(REUSE_SERVERS)('%s', (name) => {
    const target = useInteropServer(name);
    const tlsCombos = combinations(name).filter((c) => c.security !== 'plain');

    describe.each(VERSIONS)('%s', (version) => {
      it.each(tlsCombos)('engine, $label: three transfers, each resumed', async (combo) => {
        const t = target();
        const logged = serverLogSince(t.server);
        const fileName = AWKWARD_NAMES[0];
        const remote = `reuse-${version}-${combo.id}.txt`;
        // A TlsOptions object of its own: the engine builds one TLS context per object.
        const tlsOptions = { ...t.tlsOptions, minVersion: version };
        await withForcedVersion(version, () =>
          withEngine(
            t,
            combo,
            async ({ client }) => {
              const sink = new PassThrough();
              const chunks: Buffer[] = [];
              sink.on('data', (chunk: Buffer) => chunks.push(chunk));
              await client.download(`fixtures/${fileName}`, sink);
              expect(Buffer.concat(chunks).toString('utf8')).toBe(contentOf(fileName));
              await client.upload(Readable.from([Buffer.from('uploaded')]), remote);
              const listing = await client.list('fixtures');
              expect(listing.entries.map((e) => e.name)).toContain(fileName);
            },
            { tlsOptions },
          ),
        );
        expect(readFileSync(t.server.localPath(remote), 'utf8')).toBe('uploaded');
        expectResumed(tlsEvidence(name, logged()), version, 3);
        await removeRemote(t.server, remote);
      });

      it.each(tlsCombos.filter((c) => c.mode === 'passive'))(
        'portside CLI, $label: three downloads, each resumed',
        async (combo) => {
          const t = target();
          const logged = serverLogSince(t.server);
          const c = cliTarget(t, combo);
          const back = join(t.local, `reuse-${version}-${combo.id}`);
          // Node's own switch caps the CLI at TLS 1.2; TLS 1.3 is what it negotiates anyway.
          const env = version === 'TLSv1.2' ? { NODE_OPTIONS: '--tls-max-v1.2' } : {};
          const get = expectSuccess(
            await portside(c, ['get', '-r', remoteUrl(c, 'fixtures'), back, '--log'], env),
            'get -r',
          );
          expect(get.stderr.match(/^Command: RETR /gm)).toHaveLength(AWKWARD_NAMES.length);
          for (const fileName of AWKWARD_NAMES)
            expect(await readFile(join(back, fileName), 'utf8')).toBe(contentOf(fileName));
          // One listing per folder (fixtures/ and its sub folder), then the three files.
          expectResumed(tlsEvidence(name, logged()), version, 2 + AWKWARD_NAMES.length);
          await rm(back, { recursive: true });
        },
      );
    });
  });
});

interface TlsEvidence {
  /** The protocol version of every TLS handshake the server logged a version for. */
  readonly versions: readonly string[];
  /** Data connections that resumed the control connection's session. */
  readonly resumedData: number;
  /** Data connections with a fresh session (refused by these servers). */
  readonly freshData: number;
}

/**
 * What a server logged about TLS. vsftpd (debug_ssl=YES) logs every handshake as
 * `SSL version: TLSv1.3, SSL cipher: …, reused, no cert`, the control connection first.
 * ProFTPD's TLSLog says `TLSv1.3 connection accepted, using cipher …` for the control
 * connection and `TLSv1.3 data connection accepted …` for the first data connection only,
 * and `client reused TLS session for data connection` for every data connection (or `client
 * did not reuse SSL session, rejecting data connection`).
 */
function tlsEvidence(server: ServerName, log: string): TlsEvidence {
  if (server === 'vsftpd') {
    const handshakes = [
      ...log.matchAll(/"SSL version: (TLSv[\d.]+), SSL cipher: [^,]+, (not reused|reused)/g),
    ];
    const data = handshakes.slice(1);
    return {
      versions: handshakes.map((m) => m[1] ?? ''),
      resumedData: data.filter((m) => m[2] === 'reused').length,
      freshData: data.filter((m) => m[2] === 'not reused').length,
    };
  }
  return {
    versions: [...log.matchAll(/(TLSv[\d.]+) (?:data )?connection accepted/g)].map(
      (m) => m[1] ?? '',
    ),
    resumedData: log.match(/client reused TLS session for data connection/g)?.length ?? 0,
    freshData: log.match(/client did not reuse SSL session/g)?.length ?? 0,
  };
}

function expectResumed(evidence: TlsEvidence, version: Version, dataConnections: number): void {
  expect(evidence.versions.length).toBeGreaterThanOrEqual(2);
  expect(new Set(evidence.versions)).toEqual(new Set([version]));
  expect(evidence.resumedData).toBe(dataConnections);
  expect(evidence.freshData).toBe(0);
}

/** What the server's log files gained from now on, as one text. */
function serverLogSince(server: RunningServer): () => string {
  const sizeOf = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  const start = new Map(server.logFiles.map((file) => [file, sizeOf(file)]));
  return () =>
    server.logFiles
      .map((file) => {
        try {
          return readFileSync(file)
            .subarray(start.get(file) ?? 0)
            .toString('utf8');
        } catch {
          return '';
        }
      })
      .join('\n');
}

/**
 * Caps this process's TLS at `version` while `work` runs. The engine offers only a minimum
 * version; the maximum is Node's process-wide default, read when a TLS context is built.
 */
async function withForcedVersion<T>(version: Version, work: () => Promise<T>): Promise<T> {
  const saved = tls.DEFAULT_MAX_VERSION;
  tls.DEFAULT_MAX_VERSION = version;
  try {
    return await work();
  } finally {
    tls.DEFAULT_MAX_VERSION = saved;
  }
}
