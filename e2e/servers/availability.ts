// Whether the tests against real FTP servers run. Where the servers cannot start (not
// root, install.sh not run) they are skipped, and global-setup.ts has said why once; with
// CI=true they run regardless, so that startServer() fails every test with the reason: in
// CI a missing server is a failure, never a skip.
import { inject } from 'vitest';
import { canStartServers, type CanStart } from './ftp-servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    realFtpServers: CanStart;
  }
}

export async function realServersRun(): Promise<boolean> {
  if (process.env['CI'] === 'true') return true;
  // Provided by global-setup.ts; asked directly when a file runs under another config.
  const provided = inject('realFtpServers') as CanStart | undefined;
  const can = provided ?? (await canStartServers());
  if (provided === undefined && !can.ok)
    console.warn(`Skipping the tests against real FTP servers: ${can.reason}`);
  return can.ok;
}
