import type { KeyboardEvent, ReactNode } from 'react';
import { Icon, type IconName } from '../components/icons.js';
import { MenuButton, type MenuItem } from '../components/menu-button.js';
import { useSessionStore } from '../stores/session-store.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { useAppCommands } from './use-app-commands.js';

/**
 * FileZilla's toolbar, in its order: Site Manager | refresh | cancel | disconnect,
 * reconnect | log, queue. Settings sits at the far end. In the browser a compact menu
 * button carries the menu bar's commands (Electron has its native menu as well).
 */
export function Toolbar() {
  const run = useAppCommands();
  const state = useSessionStore((s) => s.session?.state ?? null);
  const busy = useSessionStore((s) => s.connecting || s.session?.state === 'connecting');
  const showLog = useUiStore((s) => s.showLog);
  const showQueue = useUiStore((s) => s.showQueue);
  const forcePassive = useSettingsStore((s) => s.settings.forcePassive);

  const connected = state === 'connected';
  const menu: MenuItem[] = [
    { kind: 'item', label: 'Site Manager…', shortcut: 'Ctrl+S', onSelect: run['site-manager'] },
    { kind: 'item', label: 'Settings…', onSelect: run.settings },
    { kind: 'separator' },
    { kind: 'item', label: 'Refresh', shortcut: 'F5', onSelect: run.refresh },
    { kind: 'check', label: 'Message log', checked: showLog, onSelect: run['toggle-message-log'] },
    { kind: 'check', label: 'Transfer queue', checked: showQueue, onSelect: run['toggle-queue'] },
    { kind: 'separator' },
    { kind: 'item', label: 'Process queue', onSelect: run['process-queue'] },
    {
      kind: 'check',
      label: 'Force Passive mode',
      checked: forcePassive,
      onSelect: run['toggle-force-passive'],
    },
    { kind: 'separator' },
    {
      kind: 'item',
      label: 'Cancel current operation',
      onSelect: run['cancel-operation'],
      disabled: !busy && !connected,
    },
    {
      kind: 'item',
      label: 'Disconnect',
      onSelect: run.disconnect,
      disabled: state === null || state === 'disconnected',
    },
    { kind: 'item', label: 'Reconnect', onSelect: run.reconnect, disabled: state === null || busy },
    { kind: 'separator' },
    { kind: 'item', label: 'About Portside', onSelect: run.about },
  ];

  return (
    <div className="toolbar" role="toolbar" aria-label="Main toolbar" onKeyDown={moveWithArrows}>
      <MenuButton label="Menu" title="Menu" buttonClassName="icon-btn" items={menu}>
        <Icon name="menu" />
      </MenuButton>
      <Separator />
      <ToolButton
        icon="server"
        label="Site Manager"
        title="Open the Site Manager (Ctrl+S)"
        onClick={run['site-manager']}
      />
      <Separator />
      <ToolButton
        icon="refresh"
        label="Refresh"
        title="Refresh the file lists (F5)"
        onClick={run.refresh}
      />
      <ToolButton
        icon="cancel"
        label="Cancel current operation"
        title="Cancel current operation (Ctrl+.)"
        onClick={run['cancel-operation']}
        disabled={!busy && !connected}
      />
      <Separator />
      <ToolButton
        icon="disconnect"
        label="Disconnect"
        title="Disconnect from the server"
        onClick={run.disconnect}
        disabled={state === null || state === 'disconnected'}
      />
      <ToolButton
        icon="reconnect"
        label="Reconnect"
        title="Reconnect to the last server (Ctrl+R)"
        onClick={run.reconnect}
        disabled={state === null || busy}
      />
      <Separator />
      <ToolButton
        icon="log"
        label="Log panel"
        title="Show or hide the message log"
        pressed={showLog}
        onClick={run['toggle-message-log']}
      />
      <ToolButton
        icon="queue"
        label="Queue panel"
        title="Show or hide the transfer queue"
        pressed={showQueue}
        onClick={run['toggle-queue']}
      />
      <span className="toolbar-spacer" />
      <ToolButton icon="settings" label="Settings" title="Settings" onClick={run.settings} />
    </div>
  );
}

function ToolButton({
  icon,
  label,
  title,
  onClick,
  disabled = false,
  pressed,
}: {
  icon: IconName;
  label: string;
  title: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
}): ReactNode {
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={label}
      aria-pressed={pressed}
      title={title}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon name={icon} />
    </button>
  );
}

function Separator() {
  return <span className="toolbar-separator" aria-hidden="true" />;
}

/** Left/Right move between the toolbar's buttons (WAI-ARIA toolbar), wrapping around. */
function moveWithArrows(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const buttons = [
    ...event.currentTarget.querySelectorAll<HTMLButtonElement>(
      ':scope > button:not(:disabled), :scope > .menu-button > button',
    ),
  ];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index === -1) return;
  event.preventDefault();
  const step = event.key === 'ArrowRight' ? 1 : -1;
  buttons[(index + step + buttons.length) % buttons.length]?.focus();
}
