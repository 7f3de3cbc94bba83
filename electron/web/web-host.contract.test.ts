import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it, vi } from 'vitest';
import { WebSocket as WsWebSocket, type ClientOptions } from 'ws';
import { buildBridge } from '../../shared/contract/bridge.js';
import { WebSocketTransport } from '../../renderer/bridge/websocket-transport.js';
import type { EventSink } from '../services/router.js';
import {
  CONTRACT_CASES,
  createContractBackend,
  runContractCase,
  type ContractHarness,
} from '../test-support/contract-cases.js';
import { signIn } from './test-clients.js';
import { startWebHost, type WebHost } from './web-host.js';

/**
 * The same contract cases the Electron side runs (electron/preload/ipc-contract.test.ts),
 * here through the real browser host and the renderer's real WebSocket bridge. The `ws`
 * client stands in for the browser's WebSocket (Node 20 has none), adding what a browser
 * adds by itself: the page's Origin and the host's cookie.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function webHarness(): Promise<ContractHarness> {
  const backend = createContractBackend();
  let emit: EventSink | undefined;
  const root = await mkdtemp(join(tmpdir(), 'portside-contract-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>test</title>');
  const host: WebHost = await startWebHost({
    port: 0,
    rendererDir: root,
    createServices: (sink) => {
      emit = sink;
      return Promise.resolve(backend.services);
    },
  });
  const cookie = await signIn(host);
  class BrowserLikeWebSocket extends WsWebSocket {
    constructor(url: string) {
      const options: ClientOptions = { origin: host.origin, headers: { Cookie: cookie } };
      super(url, options);
    }
  }
  vi.stubGlobal('WebSocket', BrowserLikeWebSocket);
  const transport = new WebSocketTransport({ url: `ws://127.0.0.1:${host.port}/ws` });
  cleanups.push(async () => {
    transport.close();
    await host.close();
    await rm(root, { recursive: true, force: true });
  });
  const bridge = buildBridge(transport);
  // The first invoke opens the socket; events only reach clients that are connected.
  await bridge.invoke['settings:get']({});
  backend.received.length = 0;
  if (emit === undefined) throw new Error('the host did not create its services');
  return { bridge, emit, backend };
}

describe('security 9.29 + 9.5: contract cases through the browser host WebSocket', () => {
  for (const testCase of CONTRACT_CASES) {
    it(testCase.name, async () => runContractCase(testCase, await webHarness()));
  }
});
