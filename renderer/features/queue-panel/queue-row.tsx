import { memo } from 'react';
import type { TransferItem } from '../../../shared/models/transfer.js';
import { useTransferStore } from '../../stores/transfer-store.js';
import { formatBytesShort, formatDuration, formatSpeed } from '../file-pane/format.js';
import { escapeControls } from '../../text/escape-controls.js';
import { baseName } from '../file-pane/paths.js';
import type { QueueColumn, QueueColumnId } from './queue-columns.js';

/** What a row is called: the file being transferred. */
export function itemName(item: TransferItem): string {
  return escapeControls(baseName(item.direction === 'upload' ? item.localPath : item.remotePath));
}

/** Percent done, or null when the size is unknown (an indeterminate bar). */
export function percentDone(item: TransferItem): number | null {
  if (item.status === 'done') return 100;
  if (item.size === null) return null;
  if (item.size === 0) return item.status === 'queued' ? 0 : 100;
  return Math.min(100, Math.floor((item.transferred / item.size) * 100));
}

export function statusText(item: TransferItem): string {
  switch (item.status) {
    case 'queued':
      return item.attempts > 0 ? `Queued (attempt ${item.attempts + 1})` : 'Queued';
    case 'active':
      return item.attempts > 1 ? `Transferring (attempt ${item.attempts})` : 'Transferring';
    case 'failed':
      return escapeControls(item.error?.message ?? 'Failed');
    case 'done':
      return 'Transferred';
    case 'skipped':
      return 'Skipped';
  }
}

const PRIORITY_LABEL = {
  highest: 'Highest',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
  lowest: 'Lowest',
} as const;

export interface QueueRowProps {
  readonly id: string;
  readonly columns: readonly QueueColumn[];
  readonly rowId: string;
  readonly index: number;
  readonly top: number;
  readonly selected: boolean;
  readonly focused: boolean;
}

/**
 * One queue item. Each row subscribes to its own item, so a progress batch re-renders the
 * rows whose items changed and nothing else; buttons carry data-action and are handled by
 * the list (no closures per row).
 */
export const QueueRow = memo(function QueueRow({
  id,
  columns,
  rowId,
  index,
  top,
  selected,
  focused,
}: QueueRowProps) {
  const item = useTransferStore((s) => s.index?.items.get(id));
  if (item === undefined) return null;
  const name = itemName(item);
  const percent = percentDone(item);
  const className = [
    'ps-row',
    index % 2 === 1 && 'ps-odd',
    selected && 'ps-selected',
    focused && 'ps-focused',
    item.status === 'failed' && 'ps-failed',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={name}
      className={className}
      data-index={index}
      style={{ transform: `translateY(${top}px)` }}
    >
      {columns.map((column) => (
        <QueueCell key={column.id} column={column.id} item={item} name={name} percent={percent} />
      ))}
    </div>
  );
});

function QueueCell(props: {
  column: QueueColumnId;
  item: TransferItem;
  name: string;
  percent: number | null;
}) {
  const { column, item, name, percent } = props;
  const upload = item.direction === 'upload';
  switch (column) {
    case 'local':
    case 'remote': {
      const path = escapeControls(column === 'local' ? item.localPath : item.remotePath);
      return (
        <div role="gridcell" className="ps-cell" title={path}>
          <span className="ps-name">{path}</span>
        </div>
      );
    }
    case 'direction':
      return (
        <div role="gridcell" className="ps-cell ps-direction">
          <span aria-hidden="true">{upload ? '→' : '←'}</span>
          <span className="ps-visually-hidden">{upload ? 'Upload' : 'Download'}</span>
        </div>
      );
    case 'size':
      return (
        <div role="gridcell" className="ps-cell ps-numeric">
          {formatBytesShort(item.size)}
        </div>
      );
    case 'progress':
      return (
        <div role="gridcell" className="ps-cell">
          <div
            role="progressbar"
            aria-label={`Progress of ${name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={
              percent === null ? `${formatBytesShort(item.transferred)} transferred` : `${percent}%`
            }
            className="ps-progress"
          >
            <div className="ps-progress-fill" style={{ width: `${percent ?? 0}%` }} />
          </div>
          <span className="ps-progress-text">{percent === null ? '' : `${percent}%`}</span>
        </div>
      );
    case 'speed':
      return (
        <div role="gridcell" className="ps-cell ps-numeric">
          {item.status === 'active' ? formatSpeed(item.bytesPerSecond) : ''}
        </div>
      );
    case 'left':
      return (
        <div role="gridcell" className="ps-cell ps-numeric">
          {item.status === 'active' ? formatDuration(item.secondsLeft) : ''}
        </div>
      );
    case 'priority':
      return (
        <div role="gridcell" className="ps-cell">
          {PRIORITY_LABEL[item.priority]}
        </div>
      );
    case 'status': {
      const text = statusText(item);
      const detail = item.error?.detail;
      // The whole reason on hover, with the detail the server gave, when it is cut off.
      const title = detail === undefined ? text : `${text}\n${escapeControls(detail)}`;
      return (
        <div role="gridcell" className="ps-cell ps-status" title={title}>
          <span className="ps-name">{text}</span>
        </div>
      );
    }
    case 'actions':
      return (
        <div role="gridcell" className="ps-cell ps-actions">
          {(item.status === 'queued' || item.status === 'active') && (
            <button
              type="button"
              tabIndex={-1}
              className="ps-mini"
              data-action="cancel"
              aria-label={`Cancel ${name}`}
            >
              Cancel
            </button>
          )}
          {item.status === 'failed' && (
            <button
              type="button"
              tabIndex={-1}
              className="ps-mini"
              data-action="retry"
              aria-label={`Retry ${name}`}
            >
              Retry
            </button>
          )}
          {item.status !== 'queued' && item.status !== 'active' && (
            <button
              type="button"
              tabIndex={-1}
              className="ps-mini"
              data-action="remove"
              aria-label={`Remove ${name}`}
            >
              Remove
            </button>
          )}
        </div>
      );
  }
}
