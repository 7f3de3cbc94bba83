import { useId, useState, type KeyboardEvent } from 'react';
import type { InvokeChannel } from '../../../shared/contract/channels.js';
import type { Result } from '../../../shared/contract/errors.js';
import type { Priority } from '../../../shared/models/transfer.js';
import { useBridge } from '../../app/bridge-context.js';
import { QUEUE_TABS, useTransferStore, type QueueTab } from '../../stores/transfer-store.js';
import { escapeControls } from '../../text/escape-controls.js';
import { QueueList, type ItemAction } from './queue-list.js';
import { useTransferSync } from './use-transfer-sync.js';
import '../file-pane/file-pane.css';
import './queue-panel.css';

// The tab names are binding (issue 5): tests and assistive technology find them by name.
const TAB_LABEL: Readonly<Record<QueueTab, string>> = {
  queued: 'Queued files',
  failed: 'Failed transfers',
  done: 'Successful transfers',
};

const ITEM_CHANNEL = {
  cancel: 'transfer:cancel',
  retry: 'transfer:retry',
  remove: 'transfer:remove',
} as const satisfies Record<ItemAction, InvokeChannel>;

/**
 * The transfer queue: tabs for queued, failed and successful transfers with their counts,
 * queue-wide actions, and per-item actions. The queue itself runs in the main process;
 * this panel shows the transfer store and sends the user's commands.
 */
export function QueuePanel() {
  useTransferSync();
  const bridge = useBridge();
  const counts = useTransferStore((s) => s.counts);
  const running = useTransferStore((s) => s.queue?.running ?? null);
  // Files added with "Add files to queue" wait for the user: say so next to the Start button.
  const waitingStopped = useTransferStore((s) =>
    s.queue !== null && !s.queue.running ? s.queue.queued : 0,
  );
  const [tab, setTab] = useState<QueueTab>('queued');
  const [error, setError] = useState<string | null>(null);
  const baseId = useId();

  const report = (what: string) => (result: Result<unknown>) => {
    setError(result.ok ? null : `Could not ${what}: ${result.error.message}`);
  };

  const onAction = (action: ItemAction, ids: readonly string[]) => {
    if (ids.length === 0) return;
    void bridge.invoke[ITEM_CHANNEL[action]]({ ids: [...ids] }).then(
      report(`${action} the transfer`),
    );
  };
  const onPriority = (priority: Priority, ids: readonly string[]) => {
    if (ids.length === 0) return;
    void bridge.invoke['transfer:set-priority']({ ids: [...ids], priority }).then(
      report('change the priority'),
    );
  };

  // Before the first queue:state event, "running" is unknown: offer Start, which is
  // harmless if the queue already runs.
  const isRunning = running === true;

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = QUEUE_TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? QUEUE_TABS[(index + 1) % QUEUE_TABS.length]
        : event.key === 'ArrowLeft'
          ? QUEUE_TABS[(index + QUEUE_TABS.length - 1) % QUEUE_TABS.length]
          : event.key === 'Home'
            ? QUEUE_TABS[0]
            : event.key === 'End'
              ? QUEUE_TABS[QUEUE_TABS.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    setTab(next);
    document.getElementById(`${baseId}-tab-${next}`)?.focus();
  };

  return (
    <section className="ps-queue" aria-label="Transfer queue">
      <div className="ps-queue-toolbar">
        <div
          role="tablist"
          aria-label="Transfer lists"
          className="ps-tabs"
          onKeyDown={onTabKeyDown}
        >
          {QUEUE_TABS.map((t) => (
            <button
              key={t}
              id={`${baseId}-tab-${t}`}
              type="button"
              role="tab"
              aria-selected={t === tab}
              aria-controls={`${baseId}-panel-${t}`}
              aria-label={TAB_LABEL[t]}
              aria-describedby={`${baseId}-count-${t}`}
              tabIndex={t === tab ? 0 : -1}
              className="ps-tab"
              onClick={() => setTab(t)}
            >
              {TAB_LABEL[t]}{' '}
              <span id={`${baseId}-count-${t}`} className="ps-count">
                {counts[t].toLocaleString()}
              </span>
            </button>
          ))}
        </div>
        <div className="ps-queue-actions">
          <span role="status" className="ps-queue-stopped">
            {waitingStopped > 0
              ? `Processing stopped: ${waitingStopped.toLocaleString()} ${waitingStopped === 1 ? 'file waits' : 'files wait'} for Start queue`
              : ''}
          </span>
          <button
            type="button"
            className="ps-button"
            onClick={() =>
              void (isRunning
                ? bridge.invoke['queue:stop']({}).then(report('stop the queue'))
                : bridge.invoke['queue:start']({}).then(report('start the queue')))
            }
          >
            {isRunning ? 'Stop queue' : 'Start queue'}
          </button>
          <button
            type="button"
            className="ps-button"
            disabled={counts.done === 0}
            onClick={() =>
              void bridge.invoke['queue:clear-finished']({}).then(
                report('clear finished transfers'),
              )
            }
          >
            Clear finished
          </button>
          <button
            type="button"
            className="ps-button"
            disabled={counts.failed === 0}
            onClick={() =>
              void bridge.invoke['queue:requeue-failed']({}).then(
                report('move failed transfers back'),
              )
            }
          >
            Requeue failed
          </button>
        </div>
      </div>
      {error !== null && (
        <div role="alert" className="ps-error">
          <span>{escapeControls(error)}</span>
          <button
            type="button"
            className="ps-icon-button"
            aria-label="Dismiss"
            onClick={() => setError(null)}
          >
            ×
          </button>
        </div>
      )}
      {QUEUE_TABS.map((t) => (
        <div
          key={t}
          id={`${baseId}-panel-${t}`}
          role="tabpanel"
          aria-labelledby={`${baseId}-tab-${t}`}
          hidden={t !== tab}
          className="ps-tabpanel"
        >
          {t === tab && (
            <QueueList tab={t} label={TAB_LABEL[t]} onAction={onAction} onPriority={onPriority} />
          )}
        </div>
      ))}
    </section>
  );
}
