import { deepStrictEqual, equal, fail, ok as assertOk } from 'node:assert/strict';
import type { PortsideBridge } from '../../shared/contract/bridge.js';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  SEND_CHANNELS,
} from '../../shared/contract/channel-names.js';
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  SendChannel,
} from '../../shared/contract/channels.js';
import type { ErrorCode, Result } from '../../shared/contract/errors.js';
import { MAX_PATH_LENGTH } from '../../shared/contract/limits.js';
import { DEFAULT_SETTINGS } from '../../shared/models/settings.js';
import type { AppServices } from '../services/app-services.js';
import {
  ContractRouter,
  ServiceError,
  type EventSink,
  type InvokeHandlers,
} from '../services/router.js';

/**
 * The contract cases both adapters must pass: the Electron shell (ipcMain adapter and
 * preload, over in-process stand-ins) and the browser host (WebSocket). Each case is data;
 * `runContractCase` drives it through a PortsideBridge against `createContractBackend()`,
 * whose handlers record what reached them. Assertions use node:assert so any test runner
 * can call it.
 *
 * What an adapter must provide (a ContractHarness): the bridge the renderer would get,
 * and the EventSink it handed to the services. Ordering assumption: a send followed by an
 * invoke on the same bridge reaches the services in that order (true of Electron IPC and
 * of one WebSocket); the runner uses an invoke as a barrier after each send.
 */
export interface ContractHarness {
  readonly bridge: PortsideBridge;
  readonly emit: EventSink;
  readonly backend: ContractBackend;
}

export interface ReceivedMessage {
  readonly channel: string;
  readonly payload: unknown;
}

export interface ContractBackend {
  readonly router: ContractRouter;
  /** Invokes and sends that passed validation and reached a handler, in order. */
  readonly received: ReceivedMessage[];
  /** The same, as AppServices for an adapter that builds its router from a factory. */
  readonly services: AppServices;
}

/** Messages the scripted handlers answer in a known way. */
const NOT_FOUND_MESSAGE = 'No such file or directory: /missing.txt';
const CRASH_MESSAGE = 'The handler crashed';

export function createContractBackend(): ContractBackend {
  const received: ReceivedMessage[] = [];
  const record =
    <T>(channel: InvokeChannel, answer: () => T) =>
    (payload: unknown) => {
      received.push({ channel, payload });
      return Promise.resolve().then(answer);
    };
  const unused = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      record(channel, () => {
        throw new ServiceError('not-found', `${channel} is not scripted in the contract cases`);
      }),
    ]),
  );
  const handlers = {
    ...unused,
    'settings:get': record('settings:get', () => DEFAULT_SETTINGS),
    'settings:update': record('settings:update', () => DEFAULT_SETTINGS),
    'remote:mkdir': record('remote:mkdir', () => null),
    'remote:delete': record('remote:delete', () => {
      throw new ServiceError('not-found', NOT_FOUND_MESSAGE);
    }),
    'local:delete': record('local:delete', () => {
      throw new Error(CRASH_MESSAGE);
    }),
  } as unknown as InvokeHandlers;
  const router = new ContractRouter(handlers, {
    'file:start-drag': (payload) => {
      received.push({ channel: 'file:start-drag', payload });
    },
  });
  return { router, received, services: { router, dispose: () => Promise.resolve() } };
}

type Expected = { readonly ok: true; readonly value: unknown } | { readonly code: ErrorCode };

export type ContractCase =
  | { readonly kind: 'surface'; readonly name: string }
  | {
      readonly kind: 'invoke';
      readonly name: string;
      readonly channel: InvokeChannel;
      readonly payload: unknown;
      readonly expect: Expected;
      /** Whether the handler runs (and with exactly this payload). */
      readonly reachesHandler: boolean;
    }
  | {
      readonly kind: 'send';
      readonly name: string;
      readonly channel: SendChannel;
      readonly payload: unknown;
      readonly reachesHandler: boolean;
    }
  | {
      readonly kind: 'events';
      readonly name: string;
      /** Emitted in this order; the listener must get exactly these payloads, in order. */
      readonly events: readonly { readonly channel: EventChannel; readonly payload: unknown }[];
    }
  | { readonly kind: 'unsubscribe'; readonly name: string };

const session = 's1';
const badRequest = { code: 'bad-request' } as const;
const mkdir = (payload: unknown, name: string): ContractCase => ({
  kind: 'invoke',
  name,
  channel: 'remote:mkdir',
  payload,
  expect: badRequest,
  reachesHandler: false,
});

const logLine = (seq: number, text: string) => ({
  seq,
  time: '2025-01-01T12:00:00.000Z',
  sessionId: session,
  kind: 'status',
  text,
});

export const CONTRACT_CASES: readonly ContractCase[] = [
  { kind: 'surface', name: 'the bridge has exactly the contract channels, each a function' },
  {
    kind: 'invoke',
    name: 'a valid invoke round-trips: settings:get answers the settings',
    channel: 'settings:get',
    payload: {},
    expect: { ok: true, value: DEFAULT_SETTINGS },
    reachesHandler: true,
  },
  {
    kind: 'invoke',
    name: 'a valid invoke reaches its handler with the payload as sent',
    channel: 'remote:mkdir',
    payload: { sessionId: session, path: '/upload/new folder' },
    expect: { ok: true, value: null },
    reachesHandler: true,
  },
  mkdir({ sessionId: session, path: '/a', extra: true }, 'an extra key is refused'),
  mkdir({ sessionId: session, path: 42 }, 'a wrong type is refused'),
  mkdir({ sessionId: session }, 'a missing field is refused'),
  mkdir(
    { sessionId: session, path: `/${'a'.repeat(MAX_PATH_LENGTH)}` },
    'an oversized string is refused',
  ),
  mkdir(
    { sessionId: session, path: '/a\r\nDELE /etc/passwd' },
    'CR/LF in a path is refused before any handler sees it',
  ),
  mkdir({ sessionId: session, path: '/a\u0000b' }, 'NUL in a path is refused'),
  mkdir({ sessionId: '../etc', path: '/a' }, 'an id that is not an id is refused'),
  mkdir(null, 'a null payload is refused'),
  mkdir([session, '/a'], 'an array payload is refused'),
  mkdir('/a', 'a string payload is refused'),
  {
    kind: 'invoke',
    name: 'an unknown settings key is refused',
    channel: 'settings:update',
    payload: { forcePassive: false, evil: true },
    expect: badRequest,
    reachesHandler: false,
  },
  {
    kind: 'invoke',
    name: 'a service error crosses as data with its code',
    channel: 'remote:delete',
    payload: { sessionId: session, path: '/missing.txt', kind: 'file' },
    expect: { code: 'not-found' },
    reachesHandler: true,
  },
  {
    kind: 'invoke',
    name: 'an unexpected exception crosses as an internal error',
    channel: 'local:delete',
    payload: { path: '/tmp/x' },
    expect: { code: 'internal' },
    reachesHandler: true,
  },
  {
    kind: 'send',
    name: 'a valid send reaches its handler',
    channel: 'file:start-drag',
    payload: { paths: ['/home/user/report.pdf'] },
    reachesHandler: true,
  },
  {
    kind: 'send',
    name: 'an invalid send (empty list) is dropped',
    channel: 'file:start-drag',
    payload: { paths: [] },
    reachesHandler: false,
  },
  {
    kind: 'send',
    name: 'a send with an extra key is dropped',
    channel: 'file:start-drag',
    payload: { paths: ['/a'], extra: 1 },
    reachesHandler: false,
  },
  {
    kind: 'events',
    name: 'an event reaches the listener as its payload alone',
    events: [{ channel: 'app:notice', payload: { level: 'info', message: 'Hello' } }],
  },
  {
    kind: 'events',
    name: 'events arrive in the order they were emitted',
    events: [
      { channel: 'session:log', payload: { sessionId: session, lines: [logLine(1, 'one')] } },
      { channel: 'session:log', payload: { sessionId: session, lines: [logLine(2, 'two')] } },
      { channel: 'session:log', payload: { sessionId: session, lines: [logLine(3, 'three')] } },
    ],
  },
  { kind: 'unsubscribe', name: 'after unsubscribing, a listener gets nothing more' },
];

const EVENT_WAIT_MS = 5_000;

export async function runContractCase(testCase: ContractCase, harness: ContractHarness) {
  const { bridge, backend } = harness;
  backend.received.length = 0;
  switch (testCase.kind) {
    case 'surface':
      return checkSurface(bridge);
    case 'invoke': {
      const call = bridge.invoke[testCase.channel] as (payload: unknown) => Promise<unknown>;
      const result = (await call(testCase.payload)) as Result<unknown>;
      if ('code' in testCase.expect) {
        assertOk(!result.ok, `expected ${testCase.expect.code}, got ${JSON.stringify(result)}`);
        equal(result.error.code, testCase.expect.code);
        equal(typeof result.error.message, 'string');
      } else {
        deepStrictEqual(result, { ok: true, value: testCase.expect.value });
      }
      deepStrictEqual(
        backend.received,
        testCase.reachesHandler ? [{ channel: testCase.channel, payload: testCase.payload }] : [],
      );
      return;
    }
    case 'send': {
      const send = bridge.send[testCase.channel] as (payload: unknown) => void;
      send(testCase.payload);
      await barrier(bridge);
      deepStrictEqual(
        backend.received.filter((message) => message.channel === testCase.channel),
        testCase.reachesHandler ? [{ channel: testCase.channel, payload: testCase.payload }] : [],
      );
      return;
    }
    case 'events':
      return checkEvents(testCase.events, harness);
    case 'unsubscribe':
      return checkUnsubscribe(harness);
    default:
      return fail(`Unknown case ${JSON.stringify(testCase satisfies never)}`);
  }
}

function checkSurface(bridge: PortsideBridge): void {
  const parts: [string, object, readonly string[]][] = [
    ['invoke', bridge.invoke, INVOKE_CHANNELS],
    ['send', bridge.send, SEND_CHANNELS],
    ['on', bridge.on, EVENT_CHANNELS],
  ];
  for (const [name, part, channels] of parts) {
    deepStrictEqual(Object.keys(part).sort(), [...channels].sort(), `bridge.${name} channels`);
    for (const [channel, value] of Object.entries(part)) {
      equal(typeof value, 'function', `bridge.${name}['${channel}']`);
    }
  }
}

/** An invoke round trip: everything sent before it has been handled when it answers. */
async function barrier(bridge: PortsideBridge): Promise<void> {
  const result = await bridge.invoke['settings:get']({});
  assertOk(result.ok, 'the barrier invoke failed');
}

async function checkEvents(
  events: readonly { readonly channel: EventChannel; readonly payload: unknown }[],
  harness: ContractHarness,
): Promise<void> {
  const got: unknown[][] = [];
  const channels = [...new Set(events.map((event) => event.channel))];
  const unsubscribes = channels.map((channel) =>
    (harness.bridge.on[channel] as (listener: (...args: unknown[]) => void) => () => void)(
      (...args) => got.push(args),
    ),
  );
  try {
    for (const event of events) {
      harness.emit(event.channel, event.payload as EventPayload<typeof event.channel>);
    }
    await until(() => got.length >= events.length, `${events.length} event(s)`);
    // Each listener call had one argument, the payload (never an IPC or socket event).
    deepStrictEqual(
      got,
      events.map((event) => [event.payload]),
    );
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
  }
}

async function checkUnsubscribe(harness: ContractHarness): Promise<void> {
  const removed: unknown[] = [];
  const kept: unknown[] = [];
  const stop = harness.bridge.on['app:notice']((payload) => removed.push(payload));
  const stopKept = harness.bridge.on['app:notice']((payload) => kept.push(payload));
  try {
    stop();
    stop(); // a second call is harmless
    harness.emit('app:notice', { level: 'info', message: 'after unsubscribe' });
    // Both listeners hang off the same delivery, so once `kept` has it, `removed` would too.
    await until(() => kept.length === 1, 'the event on the remaining listener');
    deepStrictEqual(removed, []);
  } finally {
    stopKept();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + EVENT_WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) fail(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
