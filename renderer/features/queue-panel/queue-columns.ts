import type { QueueTab } from '../../stores/transfer-store.js';

export type QueueColumnId =
  | 'local'
  | 'direction'
  | 'remote'
  | 'size'
  | 'progress'
  | 'speed'
  | 'left'
  | 'priority'
  | 'status'
  | 'actions';

export interface QueueColumn {
  readonly id: QueueColumnId;
  readonly title: string;
  readonly width: string;
  readonly numeric?: boolean;
}

const ALL: Readonly<Record<QueueColumnId, QueueColumn>> = {
  local: { id: 'local', title: 'Local file', width: 'minmax(10rem, 2fr)' },
  direction: { id: 'direction', title: 'Direction', width: '4.5rem' },
  remote: { id: 'remote', title: 'Remote file', width: 'minmax(10rem, 2fr)' },
  size: { id: 'size', title: 'Size', width: '5.5rem', numeric: true },
  progress: { id: 'progress', title: 'Progress', width: '8rem' },
  speed: { id: 'speed', title: 'Speed', width: '6rem', numeric: true },
  left: { id: 'left', title: 'Time left', width: '4.5rem', numeric: true },
  priority: { id: 'priority', title: 'Priority', width: '4.5rem' },
  status: { id: 'status', title: 'Status', width: 'minmax(10rem, 2.5fr)' },
  actions: { id: 'actions', title: 'Actions', width: '7.5rem' },
};

const pick = (...ids: QueueColumnId[]): readonly QueueColumn[] => ids.map((id) => ALL[id]);

/**
 * Each tab shows what matters for it: progress, speed and time left while transfers are
 * queued or running; a failed transfer's reason gets the room those would take, so the
 * message a person has to act on is readable.
 */
export const QUEUE_COLUMNS: Readonly<Record<QueueTab, readonly QueueColumn[]>> = {
  queued: pick(
    'local',
    'direction',
    'remote',
    'size',
    'progress',
    'speed',
    'left',
    'priority',
    'status',
    'actions',
  ),
  failed: pick('local', 'direction', 'remote', 'size', 'priority', 'status', 'actions'),
  done: pick('local', 'direction', 'remote', 'size', 'progress', 'status', 'actions'),
};

export function queueTemplate(columns: readonly QueueColumn[]): string {
  return columns
    .map((column) =>
      // The reason of a failure may be long: give it most of the width.
      column.id === 'status' && !columns.some((c) => c.id === 'speed')
        ? 'minmax(14rem, 4fr)'
        : column.width,
    )
    .join(' ');
}
