// The interop matrix through the `portside` command line (dist/cli/portside.mjs, built by
// `npm run build`), as a user runs it: one process per command, against real vsftpd,
// ProFTPD and Pure-FTPd (see matrix.ts for what runs where). The CLI resumes from what an
// earlier run left behind: a partial `.portside-part` download, a partial remote upload.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTIAL_SUFFIX } from '../../electron/services/file-transfer.js';
import { hashTree } from '../../electron/test-support/tree-fixtures.js';
import { realServersRun } from '../servers/availability.js';
import { SERVER_CAPABILITIES, SERVER_NAMES } from '../servers/ftp-servers.js';
import {
  AWKWARD_NAMES,
  contentOf,
  CUT_AT,
  hashFile,
  removeRemote,
  useInteropServer,
} from './fixtures.js';
import { combinations, dataCommandPattern, expectedListCommand } from './matrix.js';
import { cliTarget, expectSuccess, parseLs, portside, remoteUrl } from './portside-cli.js';

const run = await realServersRun();

describe.skipIf(!run)('portside CLI against real servers', () => {
  describe.each(SERVER_NAMES)('%s', (name) => {
    const target = useInteropServer(name);
    const listCommand = expectedListCommand(name);

    describe.each(combinations(name))('$label', (combo) => {
      const cli = (login: 'user' | 'anonymous' = 'user') => cliTarget(target(), combo, login);

      it(`logs in and lists a folder with ${listCommand}, as the test user and anonymous`, async () => {
        const t = target();
        for (const login of ['user', 'anonymous'] as const) {
          const c = cli(login);
          const ls = expectSuccess(
            await portside(c, ['ls', remoteUrl(c, 'fixtures/'), '--log']),
            `ls as ${login}`,
          );
          const entries = parseLs(ls.stdout);
          expect(entries.map((e) => e.name).sort()).toEqual(t.fixtureNames);
          for (const entry of entries) {
            if (entry.name === 'sub folder') expect(entry.type).toBe('d');
            else expect(entry.size).toBe(String(Buffer.byteLength(contentOf(entry.name))));
          }
          expect(ls.stderr).toMatch(
            listCommand === 'MLSD' ? /^Command: MLSD fixtures$/m : /^Command: LIST -a$/m,
          );
          expect(ls.stderr).toMatch(dataCommandPattern(combo.mode));
          expect(ls.stderr).toMatch(/^Response: 230[ -]/m);
          if (combo.security !== 'plain') expect(ls.stderr).toMatch(/^Command: PROT P$/m);
          expect(ls.stderr).not.toContain(t.server.password);
          // Pure-FTPd logs anonymous in on USER alone (230), without asking for PASS.
          const askedForPassword = login === 'user' || name !== 'pureftpd';
          expect(/^Command: PASS /m.test(ls.stderr)).toBe(askedForPassword);
        }
      });

      it('gets a 50 MB file byte for byte', async () => {
        const t = target();
        const local = join(t.local, `cli-big-${combo.id}.bin`);
        const c = cli();
        const get = expectSuccess(
          await portside(c, ['get', remoteUrl(c, 'big.bin'), local, '--log']),
          'get',
        );
        expect(get.stderr).toMatch(dataCommandPattern(combo.mode));
        expect(await hashFile(local)).toBe(t.bigHash);
        await rm(local);
      });

      it('puts a 50 MB file byte for byte', async () => {
        const t = target();
        const remote = `cli-up-${combo.id}.bin`;
        const c = cli();
        const put = expectSuccess(
          await portside(c, ['put', t.upload.path, remoteUrl(c, remote), '--log']),
          'put',
        );
        expect(put.stderr).toMatch(dataCommandPattern(combo.mode));
        expect(await hashFile(t.server.localPath(remote))).toBe(t.upload.hash);
        await removeRemote(t.server, remote);
      });

      it('resumes a download with -c from the partial file', async () => {
        const t = target();
        const local = join(t.local, `cli-resumed-${combo.id}.bin`);
        const partial = `${local}${PARTIAL_SUFFIX}`;
        const big = await readFile(t.server.localPath('big.bin'));
        await writeFile(partial, big.subarray(0, CUT_AT));
        const c = cli();
        const get = expectSuccess(
          await portside(c, ['get', '-c', remoteUrl(c, 'big.bin'), local, '--log']),
          'get -c',
        );
        expect(get.stderr).toMatch(new RegExp(`^Command: REST ${CUT_AT}\\nResponse: 350`, 'm'));
        expect(existsSync(partial)).toBe(false);
        expect(await hashFile(local)).toBe(t.bigHash);
        await rm(local);
      });

      it('resumes an upload with -c from the partial remote file', async () => {
        const t = target();
        const remote = `cli-resumed-${combo.id}.bin`;
        await t.server.writeFile(remote, t.upload.data.subarray(0, CUT_AT));
        const c = cli();
        const put = expectSuccess(
          await portside(c, ['put', '-c', t.upload.path, remoteUrl(c, remote), '--log']),
          'put -c',
        );
        expect(put.stderr).toMatch(new RegExp(`^Command: REST ${CUT_AT}\\nResponse: 350`, 'm'));
        expect(await hashFile(t.server.localPath(remote))).toBe(t.upload.hash);
        await removeRemote(t.server, remote);
      });

      it('makes a folder, renames a file and the folder, deletes, and removes the folder', async () => {
        const t = target();
        const folder = `cli-ops-${combo.id}`;
        const renamed = `${folder} renamed`;
        const onDisk = (path: string) => t.server.localPath(path);
        const local = join(t.local, `${folder}.txt`);
        await writeFile(local, 'payload');
        const c = cli();
        const step = async (args: string[]) =>
          expectSuccess(await portside(c, args), args.slice(0, 2).join(' '));
        await step(['mkdir', remoteUrl(c, folder)]);
        expect((await stat(onDisk(folder))).isDirectory()).toBe(true);
        await step(['put', local, remoteUrl(c, `${folder}/a.txt`)]);
        await step(['mv', remoteUrl(c, `${folder}/a.txt`), `${folder}/b.txt`]);
        expect(existsSync(onDisk(`${folder}/a.txt`))).toBe(false);
        expect(readFileSync(onDisk(`${folder}/b.txt`), 'utf8')).toBe('payload');
        await step(['mv', remoteUrl(c, folder), renamed]);
        expect(readFileSync(onDisk(`${renamed}/b.txt`), 'utf8')).toBe('payload');
        const notEmpty = await portside(c, ['rmdir', remoteUrl(c, renamed)]);
        expect(notEmpty.code).toBe(1);
        expect(notEmpty.stderr).toMatch(/^portside: Could not remove folder .*\n$/);
        await step(['rm', remoteUrl(c, `${renamed}/b.txt`)]);
        expect(existsSync(onDisk(`${renamed}/b.txt`))).toBe(false);
        await step(['rmdir', remoteUrl(c, renamed)]);
        expect(existsSync(onDisk(renamed))).toBe(false);
        await rm(local);
      });

      it('handles names with spaces, non-ASCII characters and a leading dash', async () => {
        const t = target();
        const folder = `cli-names-${combo.id}`;
        const local = join(t.local, folder);
        await mkdir(join(local, 'back'), { recursive: true });
        const c = cli();
        const step = async (args: string[]) =>
          expectSuccess(await portside(c, args), args.slice(0, 2).join(' '));
        await step(['mkdir', remoteUrl(c, folder)]);
        for (const fileName of AWKWARD_NAMES) {
          await writeFile(join(local, fileName), contentOf(fileName));
          // A URL ending in / names the folder; the file keeps its own name.
          await step(['put', join(local, fileName), remoteUrl(c, `${folder}/`)]);
        }
        expect((await readdir(t.server.localPath(folder))).sort()).toEqual(
          [...AWKWARD_NAMES].sort(),
        );
        const ls = await step(['ls', remoteUrl(c, `${folder}/`)]);
        expect(
          parseLs(ls.stdout)
            .map((e) => e.name)
            .sort(),
        ).toEqual([...AWKWARD_NAMES].sort());
        for (const fileName of AWKWARD_NAMES) {
          await step(['get', remoteUrl(c, `${folder}/${fileName}`), join(local, 'back')]);
          expect(readFileSync(join(local, 'back', fileName), 'utf8')).toBe(contentOf(fileName));
          await step([
            'mv',
            remoteUrl(c, `${folder}/${fileName}`),
            `${folder}/renamed ${fileName}`,
          ]);
          expect(existsSync(t.server.localPath(`${folder}/renamed ${fileName}`))).toBe(true);
          await step(['rm', remoteUrl(c, `${folder}/renamed ${fileName}`)]);
        }
        await step(['rmdir', remoteUrl(c, folder)]);
        expect(existsSync(t.server.localPath(folder))).toBe(false);
        await rm(local, { recursive: true });
      });

      it('puts and gets 1,000 files in nested folders with -r over 4 connections', async () => {
        const t = target();
        const remote = `cli-tree-${combo.id}`;
        const back = join(t.local, `cli-tree-back-${combo.id}`);
        const c = cli();
        const connections = ['--connections', '4'];
        expectSuccess(
          await portside(c, ['put', '-r', t.tree.path, remoteUrl(c, remote), ...connections]),
          'put -r',
        );
        expect(await hashTree(t.server.localPath(remote))).toEqual(t.tree.hashes);
        expectSuccess(
          await portside(c, ['get', '-r', remoteUrl(c, remote), back, ...connections]),
          'get -r',
        );
        expect(await hashTree(back)).toEqual(t.tree.hashes);
        await removeRemote(t.server, remote);
        await rm(back, { recursive: true });
      });

      // See engine.test.ts: vsftpd and ProFTPD refuse TLS data connections that do not
      // resume the control connection's session.
      if (combo.security !== 'plain' && SERVER_CAPABILITIES[name].requireSslReuse) {
        it('makes three TLS transfers in a row on one connection', async () => {
          const t = target();
          const back = join(t.local, `cli-three-${combo.id}`);
          const c = cli();
          const get = expectSuccess(
            await portside(c, ['get', '-r', remoteUrl(c, 'fixtures'), back, '--log']),
            'get -r',
          );
          // One control connection, three files (and the listings) over TLS data connections.
          expect(get.stderr.match(/^Command: (AUTH TLS|USER .*)$/gm)).toHaveLength(
            combo.security === 'explicit' ? 2 : 1,
          );
          expect(get.stderr.match(/^Command: RETR /gm)).toHaveLength(AWKWARD_NAMES.length);
          for (const fileName of AWKWARD_NAMES)
            expect(readFileSync(join(back, fileName), 'utf8')).toBe(contentOf(fileName));
          await rm(back, { recursive: true });
        });
      }
    });
  });
});
