import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, partialPathFor } from '../services/file-transfer.js';
import { generateTestCertificate } from '../test-support/fake-ftp-server.js';
import { failure, sink, useEngineHarness } from './engine-harness.js';

/**
 * Issue 9 item 18. The scripted server ends the TLS data stream by closing TCP without a
 * close_notify alert (a truncation attack, or a server that died, looks like this). Every
 * byte of the file arrives, so the size check passes: only the missing alert tells.
 */
const engine = useEngineHarness();
const { key, cert } = generateTestCertificate();
const file = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'portside-close-notify-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const secure = { tls: 'explicit', tlsOptions: { ca: [cert] } } as const;

describe.each(['TLSv1.2', 'TLSv1.3'] as const)(
  'security 9.18: a TLS data stream ending without close_notify is a failure (%s)',
  (maxVersion) => {
    it('fails the download, says why, and does not move the file into place', async () => {
      await engine.start({
        tls: { key, cert, maxVersion },
        files: { '/a.bin': file },
        dataFaults: { RETR: { noCloseNotify: true } },
      });
      const client = await engine.connect(secure);
      const target = join(folder, 'a.bin');
      const error = await failure(downloadFile(client, 'a.bin', target));
      expect(error.code).toBe('tls');
      expect(error.message).toBe(
        'The TLS data connection closed without a close_notify alert after 70000 bytes, so the data may be truncated; not accepted as complete',
      );
      expect(existsSync(target)).toBe(false);
      // What arrived stays as the partial file, as after any failed download.
      expect((await readFile(partialPathFor(target))).equals(file)).toBe(true);
      // The session goes on: the same file over a sound data connection works.
      expect((await client.list()).entries.map((entry) => entry.name)).toEqual(['a.bin']);
      await client.quit();
    });

    it('refuses a listing that ends without close_notify', async () => {
      await engine.start({
        tls: { key, cert, maxVersion },
        files: { '/a.bin': file },
        dataFaults: { MLSD: { noCloseNotify: true }, LIST: { noCloseNotify: true } },
      });
      const client = await engine.connect(secure);
      const error = await failure(client.list());
      expect(error.code).toBe('tls');
      expect(error.message).toMatch(/closed without a close_notify alert/);
      await client.quit();
    });

    it('accepts the same transfer when the server sends close_notify (the control case)', async () => {
      await engine.start({ tls: { key, cert, maxVersion }, files: { '/a.bin': file } });
      const client = await engine.connect(secure);
      const target = join(folder, 'a.bin');
      expect(await downloadFile(client, 'a.bin', target)).toBe(file.length);
      expect((await readFile(target)).equals(file)).toBe(true);
      const out = sink();
      await client.download('a.bin', out.stream);
      expect(out.data().equals(file)).toBe(true);
      expect(engine.server.commands).toContain('PROT P');
      await client.quit();
    });
  },
);
