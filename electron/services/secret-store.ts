/**
 * Where saved site passwords live. Never plaintext on disk, never sent to the renderer:
 * Electron's safeStorage (OS-encrypted ciphertext in a file), an OS keyring in the
 * browser host, or memory only ("ask every time": nothing survives a restart).
 */
export interface SecretStore {
  /** How passwords are kept, for the UI to say so ("Saved in the system keyring"). */
  readonly kind: 'safe-storage' | 'keyring' | 'memory';
  /** Whether a saved password survives a restart. */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, secret: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** "Ask every time": passwords last as long as the process. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory';
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(key));
  }
  set(key: string, secret: string): Promise<void> {
    this.secrets.set(key, secret);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.secrets.delete(key);
    return Promise.resolve();
  }
}
