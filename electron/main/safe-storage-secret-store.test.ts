import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openSecretStore,
  whySafeStorageIsUnusable,
  type AsyncEncryptor,
} from './safe-storage-secret-store.js';

/**
 * Stands in for safeStorage: a reversible scramble with a key generation, so a test can
 * tell ciphertext from plaintext and rotate or break the key.
 */
class FakeEncryptor implements AsyncEncryptor {
  available = true;
  backend: string | undefined = undefined;
  generation = 1;
  broken = false;

  isAsyncEncryptionAvailable() {
    return Promise.resolve(this.available);
  }
  encryptStringAsync(plainText: string) {
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Promise.resolve(Buffer.concat([Buffer.from([this.generation]), bytes]));
  }
  decryptStringAsync(encrypted: Buffer) {
    if (this.broken) return Promise.reject(new Error('Error while decrypting the ciphertext'));
    const result = Buffer.from(encrypted.subarray(1).map((byte) => byte ^ 0x5a)).toString('utf8');
    return Promise.resolve({ shouldReEncrypt: encrypted[0] !== this.generation, result });
  }
  getSelectedStorageBackend() {
    return this.backend ?? 'gnome_libsecret';
  }
}

let dir: string;
let notices: string[];
let encryptor: FakeEncryptor;
const open = (platform = 'linux') =>
  openSecretStore({
    userDataDir: dir,
    encryptor,
    platform,
    notify: (message) => notices.push(message),
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portside-secrets-'));
  notices = [];
  encryptor = new FakeEncryptor();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saved passwords with safeStorage', () => {
  it('security 9.26: keeps only ciphertext on disk, and reads it back after a restart', async () => {
    const store = await open();
    expect(store).toMatchObject({ kind: 'safe-storage', persistent: true });
    await store.set('site:abc', 'hunter2-Passw0rd');
    const text = await readFile(join(dir, 'secrets.json'), 'utf8');
    // Issue 9 item 26: a grep of the file finds no plaintext password.
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      secrets: { 'site:abc': expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) },
    });
    const reopened = await open();
    await expect(reopened.get('site:abc')).resolves.toBe('hunter2-Passw0rd');
    expect(notices).toEqual([]);
  });

  it('forgets a deleted password on disk too', async () => {
    const store = await open();
    await store.set('site:a', 'one');
    await store.set('site:b', 'two');
    await store.delete('site:a');
    await store.delete('site:missing');
    const reopened = await open();
    await expect(reopened.get('site:a')).resolves.toBeUndefined();
    await expect(reopened.get('site:b')).resolves.toBe('two');
  });

  it('keeps every one of several quick saves', async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => store.set(`site:${index}`, `pw${index}`)),
    );
    const reopened = await open();
    for (let index = 0; index < 20; index += 1) {
      await expect(reopened.get(`site:${index}`)).resolves.toBe(`pw${index}`);
    }
    // Atomic writes leave no temporary files behind.
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('re-encrypts a password when the OS rotated its key', async () => {
    const store = await open();
    await store.set('site:a', 'secret');
    const before = await readFile(join(dir, 'secrets.json'), 'utf8');
    encryptor.generation = 2;
    await expect(store.get('site:a')).resolves.toBe('secret');
    const after = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(after).not.toBe(before);
    expect(Buffer.from(JSON.parse(after).secrets['site:a'], 'base64')[0]).toBe(2);
  });

  it('treats a password it can no longer decrypt as not saved', async () => {
    const store = await open();
    await store.set('site:a', 'secret');
    encryptor.broken = true;
    await expect(store.get('site:a')).resolves.toBeUndefined();
  });

  it('keeps an unreadable file aside, says so, and starts empty', async () => {
    await writeFile(join(dir, 'secrets.json'), '{"version":1,"secrets":{"site:a":"not base64!"}}');
    const store = await open();
    await expect(store.get('site:a')).resolves.toBeUndefined();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read.*kept as .*secrets\.json\.corrupt-/);
    expect((await readdir(dir)).some((name) => name.startsWith('secrets.json.corrupt-'))).toBe(
      true,
    );
  });
});

describe('when the OS cannot protect passwords', () => {
  it('asks every time (memory only) and says why, when encryption is unavailable', async () => {
    encryptor.available = false;
    const store = await open('win32');
    expect(store).toMatchObject({ kind: 'memory', persistent: false });
    await store.set('site:a', 'secret');
    await expect(store.get('site:a')).resolves.toBe('secret');
    expect(await readdir(dir)).toEqual([]);
    expect(notices).toEqual([expect.stringMatching(/keychain is not available.*asks for them/)]);
  });

  it('refuses Chromium’s hard-coded-key fallback on Linux', async () => {
    encryptor.backend = 'basic_text';
    const store = await open('linux');
    expect(store.kind).toBe('memory');
    expect(notices).toEqual([expect.stringMatching(/No system keyring/)]);
  });

  it('does not look for a Linux keyring elsewhere', async () => {
    encryptor.backend = 'basic_text';
    await expect(whySafeStorageIsUnusable(encryptor, 'darwin')).resolves.toBeNull();
  });

  it('counts a failing availability check as unavailable', async () => {
    encryptor.isAsyncEncryptionAvailable = () => Promise.reject(new Error('no keychain'));
    await expect(whySafeStorageIsUnusable(encryptor, 'darwin')).resolves.toMatch(/not available/);
  });
});
