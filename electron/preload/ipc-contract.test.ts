import { describe, it } from 'vitest';
import { APP_INDEX_URL } from '../shell-policy/app-protocol.js';
import { createEventDelivery, registerIpcHandlers } from '../shell-policy/ipc-adapter.js';
import { TrustedWindows } from '../shell-policy/sender-check.js';
import {
  CONTRACT_CASES,
  createContractBackend,
  runContractCase,
  type ContractHarness,
} from '../test-support/contract-cases.js';
import { IpcMainStandIn, WindowStandIn } from '../test-support/electron-ipc-stand-ins.js';
import { buildPreloadApi } from './preload-api.js';

/**
 * The contract cases through the Electron side, in process: the real preload API over a
 * frame's ipcRenderer stand-in, the real ipcMain adapter and event delivery, and the real
 * ContractRouter. The browser host runs the same CONTRACT_CASES over its WebSocket.
 */
function electronHarness(): ContractHarness {
  const ipcMain = new IpcMainStandIn();
  const trusted = new TrustedWindows();
  const backend = createContractBackend();
  registerIpcHandlers(ipcMain, { router: backend.router, trusted });
  const delivery = createEventDelivery(trusted);
  const window = new WindowStandIn(ipcMain, 1, APP_INDEX_URL);
  trusted.add(window.contents);
  delivery.windowLoaded(window.contents);
  return {
    bridge: buildPreloadApi(window.ipcRenderer(), () => ''),
    emit: delivery.emit,
    backend,
  };
}

describe('security 9.29 + 9.5: contract cases through the Electron preload and ipcMain adapter', () => {
  for (const testCase of CONTRACT_CASES) {
    it(testCase.name, () => runContractCase(testCase, electronHarness()));
  }
});
