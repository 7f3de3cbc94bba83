import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const script = join(projectRoot, 'scripts/electronegativity.mjs');
const scratch: string[] = [];

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

function scan(...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: projectRoot });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** A tree laid out like ours whose shell opens a window with Node integration on. */
async function insecureTree(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'portside-eng-'));
  scratch.push(root);
  for (const dir of ['electron/main', 'electron/preload', 'electron/shell-policy', 'renderer']) {
    await mkdir(join(root, dir), { recursive: true });
  }
  await writeFile(
    join(root, 'electron/main/window.ts'),
    "import { BrowserWindow } from 'electron';\n" +
      'export const open = () =>\n' +
      '  new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
  );
  await writeFile(
    join(root, 'renderer/index.html'),
    '<!doctype html><html><head>' +
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">' +
      '</head><body></body></html>\n',
  );
  return root;
}

describe('security 9.32: electronegativity reports nothing, and fails the run when it does', () => {
  it('finds nothing in the shipped shell, preload, shell policy and page', async () => {
    const { code, output } = await scan();
    expect(output).toMatch(/no findings/);
    expect(code).toBe(0);
  });

  it('exits non-zero and names the check for a window with Node integration on', async () => {
    const { code, output } = await scan('--root', await insecureTree());
    expect(output).toMatch(/NODE_INTEGRATION_JS_CHECK/);
    expect(output).toMatch(/CONTEXT_ISOLATION_JS_CHECK/);
    expect(code).toBe(1);
  });
});
