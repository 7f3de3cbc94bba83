import { memo } from 'react';
import type { LogLine } from '../../../shared/models/log-line.js';
import { InertText } from '../../components/inert-text.js';
import { formatClock } from '../../text/format.js';
import { KIND_LABELS } from './log-format.js';

export interface LogRowProps {
  readonly line: LogLine;
  readonly index: number;
  readonly top: number;
  readonly showTime: boolean;
  readonly highlight: string;
  readonly selected: boolean;
  readonly currentMatch: boolean;
  readonly onPick: (index: number, extend: boolean) => void;
}

/** One log line; memoised, so appending a batch re-renders only rows whose props changed. */
export const LogRow = memo(function LogRow({
  line,
  index,
  top,
  showTime,
  highlight,
  selected,
  currentMatch,
  onPick,
}: LogRowProps) {
  const classes = [
    'log-row',
    `log-${line.kind}`,
    selected ? 'is-selected' : '',
    currentMatch ? 'is-current-match' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-seq={line.seq}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={(event) => {
        // Shift-click extends the selection instead of selecting text in the row.
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => onPick(index, event.shiftKey)}
    >
      {showTime ? <span className="log-time numeric">{formatClock(line.time)}</span> : null}
      <span className="log-label">{KIND_LABELS[line.kind]}</span>
      <span className="log-text">
        <InertText text={line.text} highlight={highlight} />
      </span>
    </div>
  );
});
