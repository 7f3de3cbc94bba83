import { useBridge } from '../../app/bridge-context.js';
import { Icon } from '../../components/icons.js';
import { useNoticesStore } from '../../stores/notices-store.js';
import { useQueueSummaryStore } from '../../stores/queue-summary-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useSettingsStore } from '../../stores/settings-store.js';
import { connectionText, queueText } from './status-text.js';
import './status-bar.css';

/**
 * The bottom line: connection state, the connection-mode toggle (Force Passive mode, one
 * click away as the seed article wants it) and the queue summary.
 */
export function StatusBar() {
  const bridge = useBridge();
  const session = useSessionStore((s) => s.session);
  const connecting = useSessionStore((s) => s.connecting);
  const forcePassive = useSettingsStore((s) => s.settings.forcePassive);
  const queue = useQueueSummaryStore((s) => s.queue);

  const mode = forcePassive ? 'Passive' : 'Active';
  // A site can pin a mode, and a failed data connection can fall back to the other one:
  // then the connection in use differs from the setting, and the button says so.
  const inUse =
    session?.state === 'connected' && session.dataMode !== (forcePassive ? 'passive' : 'active')
      ? ` (this connection uses ${session.dataMode === 'passive' ? 'Passive' : 'Active'})`
      : '';

  const toggle = async (): Promise<void> => {
    const result = await bridge.invoke['settings:update']({ forcePassive: !forcePassive });
    if (result.ok) useSettingsStore.getState().setSettings(result.value);
    else
      useNoticesStore
        .getState()
        .push('error', `Could not change the connection mode: ${result.error.message}`);
  };

  const state = session?.state ?? (connecting ? 'connecting' : 'none');
  return (
    <footer className="status-bar">
      <span className={`status-dot status-${state}`} aria-hidden="true" />
      {session?.state === 'connected' && session.secure ? (
        <Icon name="lock" className="status-lock" />
      ) : null}
      <span className="status-connection" role="status">
        {connectionText(session, connecting)}
      </span>
      <span className="status-spacer" />
      <button
        type="button"
        className="status-mode"
        title={`Click to use ${forcePassive ? 'active' : 'passive'} mode (Force Passive mode is ${forcePassive ? 'on' : 'off'})`}
        onClick={() => void toggle()}
      >
        Connection mode: {mode}
        {inUse}
      </button>
      <span className="status-queue numeric">{queueText(queue)}</span>
    </footer>
  );
}
