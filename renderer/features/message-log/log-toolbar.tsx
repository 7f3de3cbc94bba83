import type { KeyboardEvent } from 'react';
import { Icon } from '../../components/icons.js';

export interface LogToolbarProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly onStep: (delta: 1 | -1) => void;
  readonly matchCount: number;
  readonly matchPosition: number;
  readonly status: string;
  readonly selectedCount: number;
  readonly showTime: boolean;
  readonly onToggleTime: () => void;
  readonly onCopy: () => void;
  readonly onClear: () => void;
  readonly canClear: boolean;
}

/** Find, time stamps, copy and clear, above the log. */
export function LogToolbar(props: LogToolbarProps) {
  const { query, matchCount, matchPosition } = props;
  const onFindKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      props.onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && query !== '') {
      event.stopPropagation();
      props.onQuery('');
    }
  };
  const count =
    query === '' ? '' : matchCount === 0 ? 'No matches' : `${matchPosition} of ${matchCount}`;
  return (
    <div className="log-toolbar" role="toolbar" aria-label="Log tools">
      <span className="log-title">Message log</span>
      <div className="log-find">
        <Icon name="search" className="log-find-icon" />
        <input
          className="input log-find-input"
          type="search"
          aria-label="Find in log"
          placeholder="Find in log"
          spellCheck={false}
          value={query}
          onChange={(event) => props.onQuery(event.target.value)}
          onKeyDown={onFindKey}
        />
        <span className="log-find-count numeric" aria-live="polite">
          {count}
        </span>
        <button
          type="button"
          className="icon-btn icon-btn-small"
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
          disabled={matchCount === 0}
          onClick={() => props.onStep(-1)}
        >
          <Icon name="arrowUp" />
        </button>
        <button
          type="button"
          className="icon-btn icon-btn-small"
          aria-label="Next match"
          title="Next match (Enter)"
          disabled={matchCount === 0}
          onClick={() => props.onStep(1)}
        >
          <Icon name="arrowDown" />
        </button>
      </div>
      <span className="log-action-status" role="status">
        {props.status}
      </span>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label="Time stamps"
        aria-pressed={props.showTime}
        title="Show the time of each message"
        onClick={props.onToggleTime}
      >
        <Icon name="clock" />
      </button>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label={props.selectedCount > 0 ? 'Copy selected lines' : 'Copy all lines'}
        title="Copy the selected lines (click, Shift+click, Ctrl+A), or all lines"
        onClick={props.onCopy}
      >
        <Icon name="copy" />
      </button>
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label="Clear log"
        title="Clear the log"
        disabled={!props.canClear}
        onClick={props.onClear}
      >
        <Icon name="trash" />
      </button>
    </div>
  );
}
