import { render, type RenderResult } from '@testing-library/react';
import { userEvent, type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { BridgeProvider } from '../app/bridge-context.js';
import { createFakeBridge, type FakeBridge } from './fake-bridge.js';

export interface RenderedWithBridge extends RenderResult {
  readonly fake: FakeBridge;
  readonly user: UserEvent;
}

/** Renders `ui` inside a <BridgeProvider> over a fake bridge, with a user-event session. */
export function renderWithBridge(
  ui: ReactElement,
  fake: FakeBridge = createFakeBridge(),
): RenderedWithBridge {
  // user-event installs a clipboard stub on navigator, so copy can be read back.
  const user = userEvent.setup();
  const result = render(<BridgeProvider bridge={fake.bridge}>{ui}</BridgeProvider>);
  return { ...result, fake, user };
}
