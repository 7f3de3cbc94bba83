import { useEffect } from 'react';
import { LocalPane } from '../features/local-pane/local-pane.js';
import { MessageLog } from '../features/message-log/message-log.js';
import { QueuePanel } from '../features/queue-panel/queue-panel.js';
import { QuickconnectBar } from '../features/quickconnect/quickconnect-bar.js';
import { RemotePane } from '../features/remote-pane/remote-pane.js';
import { StatusBar } from '../features/status-bar/status-bar.js';
import { LOG_HEIGHT, QUEUE_HEIGHT, useUiStore } from '../stores/ui-store.js';
import { useBridge } from './bridge-context.js';
import { DialogHost } from './dialog-host.js';
import { NoticeArea } from './notice-area.js';
import { Splitter } from './splitter.js';
import { Toolbar } from './toolbar.js';
import { useAppCommands } from './use-app-commands.js';
import { useBrowserShortcuts } from './use-shortcuts.js';
import { useThemeAttribute } from './use-theme.js';
import { wireBridge } from './wire-bridge.js';
import './app.css';

/**
 * The main window, in FileZilla's order top to bottom: toolbar, quickconnect bar, message
 * log, local and remote panes side by side, transfer queue, status bar.
 */
export function App() {
  const bridge = useBridge();
  useEffect(() => wireBridge(bridge), [bridge]);
  useThemeAttribute();
  const commands = useAppCommands();
  useBrowserShortcuts(commands);
  // A file dropped anywhere but on a pane must not replace the app with the file (the
  // browser's default): the panes handle their own drops and stop them there.
  useEffect(() => {
    const refuse = (event: DragEvent): void => {
      if (event.dataTransfer?.types.includes('Files') === true) event.preventDefault();
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
  // Electron's application menu sends its clicks here.
  useEffect(
    () => bridge.on['app:menu-command'](({ command }) => commands[command]()),
    [bridge, commands],
  );

  const showLog = useUiStore((s) => s.showLog);
  const showQueue = useUiStore((s) => s.showQueue);
  const logHeight = useUiStore((s) => s.logHeight);
  const queueHeight = useUiStore((s) => s.queueHeight);
  const setLogHeight = useUiStore((s) => s.setLogHeight);
  const setQueueHeight = useUiStore((s) => s.setQueueHeight);

  return (
    <div className="app">
      <header className="app-header">
        <Toolbar />
        <QuickconnectBar />
      </header>
      <main className="app-main">
        <NoticeArea />
        {showLog ? (
          <>
            <div className="app-log" style={{ height: logHeight }}>
              <MessageLog />
            </div>
            <Splitter
              label="Resize message log"
              value={logHeight}
              min={LOG_HEIGHT.min}
              max={LOG_HEIGHT.max}
              direction={1}
              onChange={setLogHeight}
            />
          </>
        ) : null}
        <div className="app-panes">
          <div className="app-pane">
            <LocalPane />
          </div>
          <div className="app-pane">
            <RemotePane />
          </div>
        </div>
        {showQueue ? (
          <>
            <Splitter
              label="Resize transfer queue"
              value={queueHeight}
              min={QUEUE_HEIGHT.min}
              max={QUEUE_HEIGHT.max}
              direction={-1}
              onChange={setQueueHeight}
            />
            <div className="app-queue" style={{ height: queueHeight }}>
              <QueuePanel />
            </div>
          </>
        ) : null}
      </main>
      <StatusBar />
      <DialogHost />
    </div>
  );
}
