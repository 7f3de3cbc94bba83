import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../services/create-app-services.js';
import { MemorySecretStore } from '../services/secret-store.js';
import { startWebHost } from '../web/web-host.js';
import { startEmbeddedFtpServer } from './embedded-ftp-server.js';
import { writeSampleTree } from './sample-tree.js';

/**
 * `npm run demo`: a first run with something to connect to. Starts an FTP server on
 * 127.0.0.1 with a sample site (passive and active both work), and the app in the browser
 * host with a saved site "Local demo server". Everything lives in a temporary folder that
 * is removed on exit, so the demo never touches the user's own settings.
 */
async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'portside-demo-'));
  const root = join(scratch, 'site');
  await writeSampleTree(root);
  const ftp = await startEmbeddedFtpServer({ root });
  const secrets = new MemorySecretStore();
  const host = await startWebHost({
    port: 0,
    rendererDir: resolve(fileURLToPath(new URL('../renderer/', import.meta.url))),
    createServices: async (emit) => {
      const services = await createAppServices({
        userDataDir: join(scratch, 'user-data'),
        secrets,
        emit,
      });
      const saved = await services.router.invoke('sites:save', {
        id: 'demo',
        parentId: null,
        name: 'Local demo server',
        host: ftp.host,
        port: ftp.port,
        encryption: 'none',
        logonType: 'normal',
        user: ftp.user,
        password: ftp.password,
        transferMode: 'default',
        localFolder: '',
        remoteFolder: '',
        maxConnections: 0,
        comments:
          'An FTP server running inside `npm run demo`, serving a sample site from a temporary folder.',
      });
      if (!saved.ok) throw new Error(saved.error.message);
      return services;
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    `Demo FTP server: ftp://${ftp.user}@${ftp.host}:${ftp.port}/ (password: ${ftp.password})\n`,
  );
  process.stdout.write(`Portside is running at ${host.url}\n`);
  process.stdout.write(
    'Open it in a browser, then Site Manager → "Local demo server" → Connect. Press Ctrl+C to stop.\n',
  );
  await new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.once(signal, () => done());
  });
  process.once('SIGINT', () => process.exit(130));
  await host.close();
  await ftp.close();
  await rm(scratch, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `portside-demo: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
