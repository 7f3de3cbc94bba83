import { createContext, useContext, type ReactNode } from 'react';
import type { PortsideBridge } from '../../shared/contract/bridge.js';

const BridgeContext = createContext<PortsideBridge | null>(null);

/** The bridge is injected, never imported: the app gets the real one, tests a fake. */
export function BridgeProvider({
  bridge,
  children,
}: {
  bridge: PortsideBridge;
  children: ReactNode;
}) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): PortsideBridge {
  const bridge = useContext(BridgeContext);
  if (bridge === null) throw new Error('useBridge outside <BridgeProvider>');
  return bridge;
}
