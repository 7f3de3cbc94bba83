// Test data of the interop suite and the server it is laid out on: one server per server
// name per test file, started in beforeAll, with a 50 MB random file, a folder of awkwardly
// named files, and a 1,000-file tree to upload.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { TlsOptions } from '../../electron/ftp/tls.js';
import { hashTree, makeTree, sha256 } from '../../electron/test-support/tree-fixtures.js';
import { startServer, type RunningServer, type ServerName } from '../servers/ftp-servers.js';

/** 50 MiB and 3 bytes: an odd size, so no transfer ends on a buffer boundary by luck. */
export const BIG_SIZE = 50 * 1024 * 1024 + 3;
/** Where the resume tests cut a transfer (an odd offset for the same reason). */
export const CUT_AT = 20 * 1024 * 1024 + 1;
/** Files in the recursive transfer tests, in nested folders (see makeTree). */
export const TREE_FILES = 1000;

/** Two spaces (collapsing them is a classic bug), UTF-8 beyond Latin-1, a leading dash. */
export const AWKWARD_NAMES = [
  'name with  two spaces.txt',
  'ünïcödé ✓ 日本語.txt',
  '-dash first.txt',
] as const;

export const contentOf = (name: string): string => `content of ${name}\n`;

export interface InteropServer {
  readonly server: RunningServer;
  /** One object for every connection: the engine builds its TLS context once per object. */
  readonly tlsOptions: TlsOptions;
  /** `big.bin` in the server root, BIG_SIZE random bytes. */
  readonly bigHash: string;
  /** A local file of BIG_SIZE other random bytes, to upload. */
  readonly upload: { readonly path: string; readonly data: Buffer; readonly hash: string };
  /** `fixtures/` in the server root: AWKWARD_NAMES (contentOf each) and `sub folder/`. */
  readonly fixtureNames: readonly string[];
  /** A local tree of TREE_FILES files and the SHA-256 of each, by relative path. */
  readonly tree: { readonly path: string; readonly hashes: ReadonlyMap<string, string> };
  /** A local folder for this server's tests, removed afterwards. */
  readonly local: string;
}

/**
 * Starts `name` before the tests of the calling describe block and stops it after them;
 * the returned function gives the running server to the tests.
 */
export function useInteropServer(name: ServerName): () => InteropServer {
  let current: InteropServer | undefined;
  let server: RunningServer | undefined;
  let local: string | undefined;
  beforeAll(async () => {
    server = await startServer(name);
    local = await mkdtemp(join(tmpdir(), `portside-interop-${name}-`));
    const big = randomBytes(BIG_SIZE);
    await server.writeFile('big.bin', big);
    const upload = randomBytes(BIG_SIZE);
    const uploadPath = join(local, 'upload.bin');
    await writeFile(uploadPath, upload);
    for (const fixture of AWKWARD_NAMES)
      await server.writeFile(`fixtures/${fixture}`, contentOf(fixture));
    await server.mkdir('fixtures/sub folder');
    const treePath = join(local, 'tree');
    await makeTree(treePath, TREE_FILES);
    current = {
      server,
      tlsOptions: { ca: [await readFile(server.caFile, 'utf8')] },
      bigHash: sha256(big),
      upload: { path: uploadPath, data: upload, hash: sha256(upload) },
      fixtureNames: [...AWKWARD_NAMES, 'sub folder'].sort(),
      tree: { path: treePath, hashes: await hashTree(treePath) },
      local,
    };
  });
  afterAll(async () => {
    await server?.stop();
    if (local !== undefined) await rm(local, { recursive: true, force: true });
  });
  return () => {
    if (current === undefined) throw new Error(`${name} did not start`);
    return current;
  };
}

/** SHA-256 of a file, streamed: 50 MB files need not sit in memory twice. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Removes something the FTP user created below the server root (we are root). */
export async function removeRemote(server: RunningServer, relative: string): Promise<void> {
  await rm(server.localPath(relative), { recursive: true, force: true });
}
