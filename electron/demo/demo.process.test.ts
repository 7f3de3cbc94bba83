import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

const DEMO = fileURLToPath(new URL('../../dist/web/portside-demo.mjs', import.meta.url));

describe('npm run demo', () => {
  it('serves a sample site over FTP in both modes and the app with its token', async () => {
    const child = spawn(process.execPath, [DEMO], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const lines = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Press Ctrl+C')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`demo exited early (${String(code)})`)));
      });
      const ftp = /^Demo FTP server: ftp:\/\/(\w+)@127\.0\.0\.1:(\d+)\/ \(password: (.+)\)$/m.exec(
        lines,
      );
      const app = /^Portside is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(
        lines,
      );
      expect(ftp).not.toBeNull();
      expect(app).not.toBeNull();
      const [, user = '', port = '', password = ''] = ftp ?? [];
      const url = `ftp://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/docs/`;
      for (const mode of ['--passive', '--active']) {
        const listing = await runCli(['ls', url, mode, '--tls', 'none']);
        expect(listing.code).toBe(0);
        expect(listing.stdout).toContain('Überblick – café.txt');
        expect(listing.stdout).toContain('-starts-with-dash.txt');
      }
      const page = await fetch(app?.[1] ?? '', { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
