import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic } from '../services/json-file.js';
import { MemorySecretStore, type SecretStore } from '../services/secret-store.js';

// No electron import: main.ts hands in `safeStorage`, tests hand in a stand-in.

/** The asynchronous half of Electron's safeStorage (the synchronous calls are deprecated). */
export interface AsyncEncryptor {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(
    encrypted: Buffer,
  ): Promise<{ readonly shouldReEncrypt: boolean; readonly result: string }>;
  /** Linux only: which password store backs the key. */
  getSelectedStorageBackend?(): string;
}

const FILE_NAME = 'secrets.json';
const MAX_CIPHERTEXT = 64 * 1024;

const fileSchema = z
  .object({
    version: z.literal(1),
    secrets: z.record(
      z.string().min(1).max(256),
      z
        .string()
        .max(MAX_CIPHERTEXT)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
    ),
  })
  .strict();

/**
 * Saved passwords as OS-encrypted ciphertext (Keychain, DPAPI, libsecret/KWallet), base64
 * in userData/secrets.json, rewritten atomically on every change. Writes are serialised so
 * two quick saves cannot land out of order.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly kind = 'safe-storage';
  readonly persistent = true;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly ciphertexts: Map<string, string>,
    private readonly encryptor: AsyncEncryptor,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const stored = this.ciphertexts.get(key);
    if (stored === undefined) return undefined;
    let decrypted: { readonly shouldReEncrypt: boolean; readonly result: string };
    try {
      decrypted = await this.encryptor.decryptStringAsync(Buffer.from(stored, 'base64'));
    } catch {
      // The OS key changed (a new keyring, another user): the password is lost, not fatal.
      // The site then asks for it, as if none had been saved.
      return undefined;
    }
    if (decrypted.shouldReEncrypt) {
      // The OS rotated the key: store the password again under the new one.
      await this.set(key, decrypted.result);
    }
    return decrypted.result;
  }

  async set(key: string, secret: string): Promise<void> {
    const encrypted = await this.encryptor.encryptStringAsync(secret);
    this.ciphertexts.set(key, encrypted.toString('base64'));
    await this.persist();
  }

  async delete(key: string): Promise<void> {
    if (!this.ciphertexts.delete(key)) return;
    await this.persist();
  }

  /** Resolves when every write started so far is on disk (for a clean quit). */
  flushed(): Promise<void> {
    return this.writes;
  }

  private persist(): Promise<void> {
    // Each write takes the state as it is when the write runs, so the last one wins with
    // everything that came before it.
    const write = this.writes.then(() =>
      writeJsonAtomic(this.path, { version: 1, secrets: Object.fromEntries(this.ciphertexts) }),
    );
    this.writes = write.catch(() => undefined);
    return write;
  }
}

export interface OpenSecretStoreOptions {
  readonly userDataDir: string;
  readonly encryptor: AsyncEncryptor;
  readonly platform: string;
  /** Tells the user something about their saved passwords ('app:notice'). */
  readonly notify: (message: string) => void;
}

/**
 * The app's SecretStore: safeStorage when the OS really encrypts, else memory only ("ask
 * every time") with a notice, so a password is never written where anyone could read it.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const unavailable = await whySafeStorageIsUnusable(options.encryptor, options.platform);
  if (unavailable !== null) {
    options.notify(
      `${unavailable} Portside will not save passwords on this computer; it asks for them when you connect.`,
    );
    return new MemorySecretStore();
  }
  const path = join(options.userDataDir, FILE_NAME);
  const outcome = await readJsonFile(path, fileSchema, { version: 1 as const, secrets: {} });
  if (outcome.status === 'corrupt') {
    options.notify(
      `Your saved passwords could not be read (${outcome.reason}). The file was kept as ${outcome.keptAt}; Portside will ask for those passwords again.`,
    );
  }
  return new SafeStorageSecretStore(
    path,
    new Map(Object.entries(outcome.value.secrets)),
    options.encryptor,
  );
}

/** Null when safeStorage protects secrets for real; otherwise the reason, for the notice. */
export async function whySafeStorageIsUnusable(
  encryptor: AsyncEncryptor,
  platform: string,
): Promise<string | null> {
  // On Linux without GNOME Keyring or KWallet, Chromium falls back to 'basic_text': a key
  // hard-coded in Chromium. That is obfuscation, not encryption, so it does not count.
  if (platform === 'linux' && encryptor.getSelectedStorageBackend?.() === 'basic_text') {
    return 'No system keyring (GNOME Keyring, KWallet) is available.';
  }
  let available: boolean;
  try {
    available = await encryptor.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  return available ? null : 'The system keychain is not available.';
}
