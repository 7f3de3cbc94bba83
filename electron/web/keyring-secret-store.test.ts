import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../services/router.js';
import {
  chooseSecretStore,
  KeyringSecretStore,
  type KeyringProgram,
} from './keyring-secret-store.js';

/**
 * secret-tool is not installed on the build machines, and a real one needs a D-Bus session
 * with a Secret Service running; these tests run the store against a stand-in script that
 * keeps secret-tool's interface (lookup/store/clear, attributes in argv, the secret on
 * stdin and stdout, exit 1 without output when nothing matches) and logs its argv.
 */
let dir: string;
let fake: KeyringProgram;
let argvLog: string;

const PASSWORD = 'pa$$ word "quoted"\nsecond line';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portside-keyring-'));
  argvLog = join(dir, 'argv.log');
  const db = join(dir, 'db.json');
  const script = join(dir, 'fake-secret-tool.mjs');
  await writeFile(
    script,
    `import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
const [command, ...rest] = process.argv.slice(2);
appendFileSync(${JSON.stringify(argvLog)}, JSON.stringify([command, ...rest]) + '\\n');
const key = JSON.stringify(rest.filter((arg) => !arg.startsWith('--')));
const db = existsSync(${JSON.stringify(db)}) ? JSON.parse(readFileSync(${JSON.stringify(db)}, 'utf8')) : {};
const save = () => writeFileSync(${JSON.stringify(db)}, JSON.stringify(db));
if (command === 'store') { db[key] = readFileSync(0, 'utf8'); save(); process.exit(0); }
if (command === 'lookup') { if (key in db) { process.stdout.write(db[key]); process.exit(0); } process.exit(1); }
if (command === 'clear') { delete db[key]; save(); process.exit(0); }
process.stderr.write('secret-tool: unknown command\\n');
process.exit(2);
`,
  );
  fake = [process.execPath, script];
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function script(name: string, body: string): Promise<KeyringProgram> {
  const path = join(dir, name);
  await writeFile(path, body);
  return [process.execPath, path];
}

describe('KeyringSecretStore', () => {
  it('stores, reads back exactly, and deletes a password', async () => {
    const store = new KeyringSecretStore({ program: fake });
    expect(store).toMatchObject({ kind: 'keyring', persistent: true });
    await store.set('site-1', PASSWORD);
    await store.set('site-2', 'other');
    expect(await store.get('site-1')).toBe(PASSWORD);
    expect(await store.get('site-2')).toBe('other');
    await store.delete('site-1');
    expect(await store.get('site-1')).toBeUndefined();
    expect(await store.get('never-saved')).toBeUndefined();
    await store.delete('never-saved');
  });

  it('never puts the password on a command line', async () => {
    const store = new KeyringSecretStore({ program: fake });
    await store.set('site-3', PASSWORD);
    const log = await readFile(argvLog, 'utf8');
    expect(log).toContain('"store","--label=Portside site site-3","application","portside"');
    expect(log).not.toContain('pa$$');
  });

  it('reports a keyring failure as an error without the password in it', async () => {
    const broken = await script(
      'broken.mjs',
      "process.stderr.write('secret-tool: Cannot create an item in a locked collection\\n'); process.exit(1);",
    );
    const store = new KeyringSecretStore({ program: broken });
    const failure = await store.set('site-1', PASSWORD).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure).toMatchObject({
      code: 'internal',
      message:
        'Could not save a password in the system keyring: secret-tool: Cannot create an item in a locked collection',
    });
    await expect(store.get('site-1')).rejects.toThrow('locked collection');
  });

  it('gives up on a keyring that does not answer', async () => {
    const hung = await script('hung.mjs', 'setInterval(() => {}, 1000);');
    const store = new KeyringSecretStore({ program: hung, timeoutMs: 300 });
    await expect(store.get('site-1')).rejects.toThrow('no answer within 300 ms');
  });
});

describe('chooseSecretStore', () => {
  it('uses the keyring when secret-tool works', async () => {
    const chosen = await chooseSecretStore({ program: fake });
    expect(chosen.store.kind).toBe('keyring');
    expect(chosen.description).toBe('Passwords: saved in the system keyring (secret-tool).');
  });

  it('falls back to memory ("ask every time") when secret-tool is not installed', async () => {
    const chosen = await chooseSecretStore({ program: ['portside-no-such-secret-tool'] });
    expect(chosen.store).toMatchObject({ kind: 'memory', persistent: false });
    expect(chosen.description).toContain('portside-no-such-secret-tool is not installed');
    expect(chosen.description).toContain('install libsecret-tools');
  });

  it('falls back to memory when there is no Secret Service to talk to', async () => {
    const noBus = await script(
      'no-bus.mjs',
      "process.stderr.write('secret-tool: Cannot autolaunch D-Bus without X11 $DISPLAY\\n'); process.exit(1);",
    );
    const chosen = await chooseSecretStore({ program: noBus });
    expect(chosen.store.kind).toBe('memory');
    expect(chosen.description).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY');
  });

  it('falls back to memory, in bounded time, when the probe hangs', async () => {
    const hung = await script('hung-probe.mjs', 'setInterval(() => {}, 1000);');
    const chosen = await chooseSecretStore({ program: hung, probeTimeoutMs: 300 });
    expect(chosen.store.kind).toBe('memory');
    expect(chosen.description).toContain('no answer within 300 ms');
  });
});
