import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
} from '../../shared/contract/channels.js';
import type { Result } from '../../shared/contract/errors.js';
import type { AppServices } from '../services/app-services.js';
import { createAppServices } from '../services/create-app-services.js';
import { MemorySecretStore, type SecretStore } from '../services/secret-store.js';
import { RecordingSink } from './recording-sink.js';

/** The real services in a temporary user-data folder, driven through the contract router. */
export interface ServicesHarness {
  readonly services: AppServices;
  readonly sink: RecordingSink;
  readonly userDataDir: string;
  readonly secrets: SecretStore;
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequest<C>,
  ): Promise<Result<InvokeResponse<C>>>;
  /** Invoke and unwrap, failing the test with the error's message. */
  call<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  /** A new set of services on the same folder, as after a restart. */
  restart(secrets?: SecretStore): Promise<ServicesHarness>;
  close(): Promise<void>;
}

export interface ServicesHarnessOptions {
  readonly userDataDir?: string;
  readonly secrets?: SecretStore;
  /** Defaults to short waits so retry tests do not sleep for seconds. */
  readonly queueTuning?: { readonly retryDelayMs?: number; readonly finishNoticeAfterMs?: number };
}

export async function startServices(
  options: ServicesHarnessOptions = {},
): Promise<ServicesHarness> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'portside-userdata-')));
  const secrets = options.secrets ?? new MemorySecretStore();
  const sink = new RecordingSink();
  const queueTuning = options.queueTuning ?? { retryDelayMs: 50, finishNoticeAfterMs: 0 };
  const services = await createAppServices({ userDataDir, secrets, emit: sink.emit, queueTuning });
  const invoke = <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>) =>
    services.router.invoke(channel, request) as Promise<Result<InvokeResponse<C>>>;
  return {
    services,
    sink,
    userDataDir,
    secrets,
    invoke,
    async call(channel, request) {
      const result = await invoke(channel, request);
      if (!result.ok)
        throw new Error(`${channel} failed: [${result.error.code}] ${result.error.message}`);
      return result.value;
    },
    async restart(nextSecrets = secrets) {
      await services.dispose();
      return startServices({ userDataDir, secrets: nextSecrets, queueTuning });
    },
    async close() {
      await services.dispose();
      if (options.userDataDir === undefined)
        await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
