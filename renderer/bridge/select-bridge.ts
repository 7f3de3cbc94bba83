import { buildBridge, type PortsideBridge } from '../../shared/contract/bridge.js';
import { WebSocketTransport } from './websocket-transport.js';

let selected: PortsideBridge | undefined;

/**
 * The one bridge the renderer talks to, chosen on first use: in Electron, the object the
 * preload exposed as `window.portside`; in a browser (the web host), the same contract
 * over a WebSocket to the page's own origin. Nothing connects until the first call.
 */
export function getBridge(): PortsideBridge {
  selected ??= preloadBridge() ?? buildBridge(new WebSocketTransport());
  return selected;
}

function preloadBridge(): PortsideBridge | undefined {
  const candidate: unknown = (window as { portside?: unknown }).portside;
  return isBridge(candidate) ? candidate : undefined;
}

/** The preload's object, recognised by its shape (it is frozen and built by buildBridge). */
function isBridge(value: unknown): value is PortsideBridge {
  if (typeof value !== 'object' || value === null) return false;
  const { invoke, send, on } = value as Record<string, unknown>;
  return [invoke, send, on].every((part) => typeof part === 'object' && part !== null);
}
