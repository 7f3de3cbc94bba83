// The theme and element defaults first: every feature's style sheet comes after them in
// the bundle, so a feature's rule wins over a default of the same specificity.
import './app/theme.css';
import './app/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { BridgeProvider } from './app/bridge-context.js';
import { getBridge } from './bridge/select-bridge.js';

// The renderer's entry: picks the bridge (Electron's preload or the browser host's
// WebSocket) and hands it to the app; nothing else here has side effects.
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BridgeProvider bridge={getBridge()}>
      <App />
    </BridgeProvider>
  </StrictMode>,
);
