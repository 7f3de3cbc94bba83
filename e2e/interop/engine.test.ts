// The interop matrix through the engine: FtpClient and the transfer services against real
// vsftpd, ProFTPD and Pure-FTPd (see matrix.ts for what runs where). Every check is on
// something observable: bytes on the server's disk, bytes on ours, the commands the engine
// sent (its log), the names the server stored.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../shared/models/remote-entry.js';
import type { FtpClient } from '../../electron/ftp/client.js';
import { downloadFile, PARTIAL_SUFFIX, uploadFile } from '../../electron/services/file-transfer.js';
import { downloadTree, uploadTree } from '../../electron/services/tree-transfer.js';
import { hashTree } from '../../electron/test-support/tree-fixtures.js';
import { realServersRun } from '../servers/availability.js';
import { SERVER_CAPABILITIES, SERVER_NAMES } from '../servers/ftp-servers.js';
import { cutDownload, cutUpload, withEngine, withEngines } from './engine-session.js';
import {
  AWKWARD_NAMES,
  BIG_SIZE,
  contentOf,
  CUT_AT,
  hashFile,
  removeRemote,
  TREE_FILES,
  useInteropServer,
  type InteropServer,
} from './fixtures.js';
import { combinations, dataCommandPattern, expectedListCommand } from './matrix.js';

const run = await realServersRun();

describe.skipIf(!run)('engine against real servers', () => {
  describe.each(SERVER_NAMES)('%s', (name) => {
    const target = useInteropServer(name);
    const capabilities = SERVER_CAPABILITIES[name];
    const listCommand = expectedListCommand(name);

    describe.each(combinations(name))('$label', (combo) => {
      it('logs in as the test user and as anonymous', async () => {
        const t = target();
        await withEngine(t, combo, async ({ client, logText }) => {
          expect(client.secure).toBe(combo.security !== 'plain');
          expect(await client.pwd()).toBe('/');
          expect(logText()).toMatch(/^Response: 230[ -]/m);
          expect(logText()).toContain('Command: PASS ********');
          expect(logText()).not.toContain(t.server.password);
        });
        await withEngine(
          t,
          combo,
          async ({ client, logText }) => {
            const listing = await client.list();
            expect(listing.entries.map((e) => e.name)).toContain('big.bin');
            // Pure-FTPd logs anonymous in on USER alone (230), without asking for PASS.
            expect(/^Command: PASS /m.test(logText())).toBe(name !== 'pureftpd');
          },
          { login: { user: 'anonymous', password: 'guest@example.com' } },
        );
      });

      it(`lists a folder with ${listCommand}`, async () => {
        const t = target();
        await withEngine(t, combo, async ({ client, logText }) => {
          const listing = await client.list('fixtures');
          expectFixtureListing(t, listing.entries);
          expect(logText()).toMatch(
            listCommand === 'MLSD' ? /^Command: MLSD fixtures$/m : /^Command: LIST -a$/m,
          );
          expect(logText()).toMatch(dataCommandPattern(combo.mode));
        });
      });

      if (capabilities.mlsd) {
        it('lists a folder with LIST -a when MLSD is switched off', async () => {
          const t = target();
          await withEngine(
            t,
            combo,
            async ({ client, logText }) => {
              const listing = await client.list('fixtures');
              expectFixtureListing(t, listing.entries);
              expect(listing.parser).toBe('unix');
              expect(logText()).toMatch(/^Command: LIST -a$/m);
              expect(logText()).not.toMatch(/^Command: MLSD/m);
            },
            { mlsd: false },
          );
        });
      }

      it('downloads a 50 MB file byte for byte', async () => {
        const t = target();
        const local = join(t.local, `big-${combo.id}.bin`);
        await withEngine(t, combo, async ({ client, logText }) => {
          expect(await downloadFile(client, 'big.bin', local)).toBe(BIG_SIZE);
          expect(logText()).toMatch(dataCommandPattern(combo.mode));
        });
        expect(await hashFile(local)).toBe(t.bigHash);
        await rm(local);
      });

      it('uploads a 50 MB file byte for byte', async () => {
        const t = target();
        const remote = `up-${combo.id}.bin`;
        await withEngine(t, combo, async ({ client, logText }) => {
          expect(await uploadFile(client, t.upload.path, remote)).toBe(BIG_SIZE);
          expect(logText()).toMatch(dataCommandPattern(combo.mode));
        });
        expect(await hashFile(t.server.localPath(remote))).toBe(t.upload.hash);
        await removeRemote(t.server, remote);
      });

      it('resumes a download that was cut off', async () => {
        const t = target();
        const local = join(t.local, `resumed-${combo.id}.bin`);
        const partial = `${local}${PARTIAL_SUFFIX}`;
        await withEngine(t, combo, async ({ client, logText }) => {
          // Cut after CUT_AT bytes (ABOR on the wire), then resume on the same connection.
          await cutDownload(client, 'big.bin', partial, CUT_AT);
          expect((await stat(partial)).size).toBe(CUT_AT);
          expect(await downloadFile(client, 'big.bin', local, { resume: true })).toBe(BIG_SIZE);
          expect(logText()).toMatch(new RegExp(`^Command: REST ${CUT_AT}$`, 'm'));
        });
        expect(existsSync(partial)).toBe(false);
        expect(await hashFile(local)).toBe(t.bigHash);
        await rm(local);
      });

      it('resumes an upload that was cut off', async () => {
        const t = target();
        const remote = `resumed-${combo.id}.bin`;
        await withEngine(t, combo, async ({ client, logText }) => {
          await cutUpload(client, t.upload.data, remote, CUT_AT);
          // Whatever reached the server before the data connection closed.
          const kept = (await stat(t.server.localPath(remote))).size;
          expect(kept).toBeGreaterThan(0);
          expect(kept).toBeLessThanOrEqual(CUT_AT);
          const sent = await uploadFile(client, t.upload.path, remote, { resume: true });
          expect(sent).toBe(BIG_SIZE);
          // REST STREAM (RFC 3659 §5): all three servers list it in FEAT.
          expect(logText()).toMatch(new RegExp(`^Command: REST ${kept}\\nResponse: 350`, 'm'));
        });
        expect(await hashFile(t.server.localPath(remote))).toBe(t.upload.hash);
        await removeRemote(t.server, remote);
      });

      it('creates, renames, deletes and removes folders and files', async () => {
        const t = target();
        const folder = `ops-${combo.id}`;
        const renamed = `${folder} renamed`;
        const onDisk = (path: string) => t.server.localPath(path);
        await withEngine(t, combo, async ({ client }) => {
          await client.mkdir(folder);
          expect((await stat(onDisk(folder))).isDirectory()).toBe(true);
          await client.upload(Readable.from([Buffer.from('payload')]), `${folder}/a.txt`);
          await client.rename(`${folder}/a.txt`, `${folder}/b.txt`);
          expect(existsSync(onDisk(`${folder}/a.txt`))).toBe(false);
          expect(readFileSync(onDisk(`${folder}/b.txt`), 'utf8')).toBe('payload');
          await client.rename(folder, renamed);
          expect(readFileSync(onDisk(`${renamed}/b.txt`), 'utf8')).toBe('payload');
          // A refused command leaves the connection usable.
          await expect(client.rmdir(renamed)).rejects.toMatchObject({
            code: 'refused-by-server',
          });
          await client.remove(`${renamed}/b.txt`);
          expect(existsSync(onDisk(`${renamed}/b.txt`))).toBe(false);
          await client.rmdir(renamed);
          expect(existsSync(onDisk(renamed))).toBe(false);
        });
      });

      it('security 9.6: handles names with spaces, non-ASCII characters and a leading dash', async () => {
        const t = target();
        const folder = `names-${combo.id}`;
        const local = join(t.local, folder);
        await mkdir(local);
        await withEngine(t, combo, async ({ client }) => {
          await client.mkdir(folder);
          // Bare names inside the folder: `RETR -dash first.txt` must not be read as options.
          await client.cd(folder);
          for (const fileName of AWKWARD_NAMES) {
            await writeFile(join(local, fileName), contentOf(fileName));
            await uploadFile(client, join(local, fileName), fileName);
          }
          expect((await readdir(t.server.localPath(folder))).sort()).toEqual(
            [...AWKWARD_NAMES].sort(),
          );
          const listing = await client.list();
          expect(listing.entries.map((e) => e.name).sort()).toEqual([...AWKWARD_NAMES].sort());
          for (const fileName of AWKWARD_NAMES) {
            const back = join(local, `back-${fileName}`);
            await downloadFile(client, fileName, back);
            expect(readFileSync(back, 'utf8')).toBe(contentOf(fileName));
            await client.rename(fileName, `renamed ${fileName}`);
            expect(existsSync(t.server.localPath(`${folder}/renamed ${fileName}`))).toBe(true);
            await client.remove(`renamed ${fileName}`);
          }
          await client.cd('/');
          await client.rmdir(folder);
        });
        expect(existsSync(t.server.localPath(folder))).toBe(false);
        await rm(local, { recursive: true });
      });

      it(`uploads and downloads ${TREE_FILES} files in nested folders over 4 connections`, async () => {
        const t = target();
        const remote = `tree-${combo.id}`;
        const back = join(t.local, `tree-back-${combo.id}`);
        await withEngines(t, combo, 4, async (clients, log) => {
          const up = await uploadTree(clients, t.tree.path, remote);
          expect(up.files).toBe(TREE_FILES);
          expect(await hashTree(t.server.localPath(remote))).toEqual(t.tree.hashes);
          const down = await downloadTree(clients, remote, back);
          expect(down.files).toBe(TREE_FILES);
          expect(await hashTree(back)).toEqual(t.tree.hashes);
          expect(log.join('\n')).toMatch(dataCommandPattern(combo.mode));
        });
        await removeRemote(t.server, remote);
        await rm(back, { recursive: true });
      });

      // vsftpd (require_ssl_reuse=YES) and ProFTPD (mod_tls's default) refuse a TLS data
      // connection that does not resume the control connection's session; vsftpd then even
      // closes the control connection. Pure-FTPd has no such check: nothing to test there.
      if (combo.security !== 'plain' && capabilities.requireSslReuse) {
        it('makes three TLS transfers in a row on one connection', async () => {
          const t = target();
          const fileName = AWKWARD_NAMES[0];
          await withEngine(t, combo, async ({ client, logText }) => {
            for (let i = 0; i < 3; i += 1)
              expect(await downloadText(client, `fixtures/${fileName}`)).toBe(contentOf(fileName));
            expect(logText().match(/^Response: 226[ -]/gm)).toHaveLength(3);
          });
        });
      }
    });
  });
});

function expectFixtureListing(t: InteropServer, entries: readonly RemoteEntry[]): void {
  expect(entries.map((e) => e.name).sort()).toEqual(t.fixtureNames);
  for (const entry of entries) {
    if (entry.name === 'sub folder') {
      expect(entry.kind).toBe('directory');
    } else {
      expect(entry.kind).toBe('file');
      expect(entry.size).toBe(Buffer.byteLength(contentOf(entry.name)));
    }
  }
}

async function downloadText(client: FtpClient, remote: string): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await client.download(remote, sink);
  return Buffer.concat(chunks).toString('utf8');
}
