import { INVOKE_CHANNELS } from '../../shared/contract/channel-names.js';
import { DEFAULT_SETTINGS } from '../../shared/models/settings.js';
import type { AppServices } from '../services/app-services.js';
import {
  ContractRouter,
  ServiceError,
  type EventSink,
  type InvokeHandlers,
} from '../services/router.js';

/**
 * Stand-in services for the browser host's tests: the real ContractRouter (so payloads are
 * validated exactly as in the app) over handlers that record what reached them.
 */
export interface TestServices {
  /** Requests that passed validation and reached a handler, in order. */
  readonly calls: { readonly channel: string; readonly request: unknown }[];
  readonly sends: { readonly channel: string; readonly payload: unknown }[];
  /** The host's event sink, once the host has created the services. */
  emit: EventSink;
  disposed: boolean;
  readonly factory: (emit: EventSink) => Promise<AppServices>;
}

export function createTestServices(overrides: Partial<InvokeHandlers> = {}): TestServices {
  const services: TestServices = {
    calls: [],
    sends: [],
    emit: () => {
      throw new Error('The host has not created the services yet');
    },
    disposed: false,
    factory: (emit) => {
      services.emit = emit;
      return Promise.resolve({
        router: new ContractRouter(recording(handlers), {
          'file:start-drag': (payload) => {
            services.sends.push({ channel: 'file:start-drag', payload });
          },
        }),
        dispose: () => {
          services.disposed = true;
          return Promise.resolve();
        },
      });
    },
  };
  const unused = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      () => Promise.reject(new ServiceError('not-found', `${channel} is not used in this test`)),
    ]),
  ) as unknown as InvokeHandlers;
  const handlers: InvokeHandlers = {
    ...unused,
    'local:home': () => Promise.resolve('/home/tester'),
    'local:mkdir': () => Promise.resolve(null),
    'local:delete': ({ path }) =>
      Promise.reject(new ServiceError('local-fs', `Permission denied: ${path}`)),
    'settings:get': () => Promise.resolve(DEFAULT_SETTINGS),
    ...overrides,
  };

  function recording(inner: InvokeHandlers): InvokeHandlers {
    return Object.fromEntries(
      Object.entries(inner).map(([channel, handler]) => [
        channel,
        (request: unknown) => {
          services.calls.push({ channel, request });
          return (handler as (request: unknown) => Promise<unknown>)(request);
        },
      ]),
    ) as unknown as InvokeHandlers;
  }

  return services;
}
