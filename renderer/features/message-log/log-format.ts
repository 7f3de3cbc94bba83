import type { LogLine, LogLineKind } from '../../../shared/models/log-line.js';
import type { LogRing } from '../../stores/log-ring.js';
import { escapeControls } from '../../text/escape-controls.js';
import { formatClock } from '../../text/format.js';

/** FileZilla's prefixes: the colour is not the only thing telling the kinds apart. */
export const KIND_LABELS: Readonly<Record<LogLineKind, string>> = {
  status: 'Status:',
  command: 'Command:',
  response: 'Response:',
  error: 'Error:',
};

/** One line as copied to the clipboard: as shown, escapes included. */
export function lineToText(line: LogLine, showTime: boolean): string {
  const time = showTime ? `${formatClock(line.time)} ` : '';
  return `${time}${KIND_LABELS[line.kind]}\t${escapeControls(line.text)}`;
}

/** Indices (oldest first) of the lines whose shown text contains `query`, ignoring case. */
export function findMatches(ring: LogRing, query: string): number[] {
  if (query === '') return [];
  const needle = query.toLowerCase();
  const matches: number[] = [];
  for (let i = 0; i < ring.size; i += 1) {
    const line = ring.at(i);
    if (line !== undefined && escapeControls(line.text).toLowerCase().includes(needle)) {
      matches.push(i);
    }
  }
  return matches;
}

/** A selection by sequence numbers, so it stays on the same lines while old ones fall off. */
export interface LineSelection {
  readonly anchor: number;
  readonly focus: number;
}

export function isSelected(selection: LineSelection | null, seq: number): boolean {
  if (selection === null) return false;
  const low = Math.min(selection.anchor, selection.focus);
  const high = Math.max(selection.anchor, selection.focus);
  return seq >= low && seq <= high;
}

/** The selected lines that are still kept, oldest first; all lines when nothing is selected. */
export function linesToCopy(ring: LogRing, selection: LineSelection | null): LogLine[] {
  const all = ring.slice();
  return selection === null ? all : all.filter((line) => isSelected(selection, line.seq));
}
