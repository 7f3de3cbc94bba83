import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { plural } from '../../app/wire-bridge.js';
import { useLogStore } from '../../stores/log-store.js';
import { useNoticesStore } from '../../stores/notices-store.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useSettingsStore } from '../../stores/settings-store.js';
import { LogRow } from './log-row.js';
import { LogToolbar } from './log-toolbar.js';
import {
  findMatches,
  isSelected,
  lineToText,
  linesToCopy,
  type LineSelection,
} from './log-format.js';
import './message-log.css';

/** Fixed row height: no measuring, so scrolling 10,000 lines costs the same as 100. */
export const LOG_ROW_HEIGHT = 20;

/**
 * The session's conversation with the server, FileZilla style. Virtualised: only the rows
 * on screen (plus a few) are in the DOM. Follows new lines while scrolled to the bottom;
 * scrolled up, it stays on the lines being read while old ones fall off the top.
 */
export function MessageLog() {
  const bridge = useBridge();
  const sessionId = useSessionStore((s) => s.session?.sessionId ?? null);
  const view = useLogStore((s) => (sessionId === null ? undefined : s.views.get(sessionId)));
  const showTime = useSettingsStore((s) => s.settings.logTimestamps);
  const ring = view?.ring;
  const size = ring?.size ?? 0;

  const [query, setQuery] = useState('');
  const findQuery = useDeferredValue(query);
  const [matchPos, setMatchPos] = useState(0);
  const [selection, setSelection] = useState<LineSelection | null>(null);
  const [status, setStatus] = useState('');

  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const evictedSeen = useRef(0);
  const jumpPending = useRef(false);

  const virtualizer = useVirtualizer({
    count: size,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 10,
  });

  // `view` changes with every append, so the matches follow new lines.
  const matches = useMemo(
    () => (view === undefined ? [] : findMatches(view.ring, findQuery)),
    [view, findQuery],
  );
  const current =
    matches.length === 0 ? -1 : (matches[Math.min(matchPos, matches.length - 1)] ?? -1);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element === null || view === undefined) return;
    const dropped = view.ring.evicted - evictedSeen.current;
    evictedSeen.current = view.ring.evicted;
    if (stickToBottom.current) element.scrollTop = element.scrollHeight;
    else if (dropped > 0)
      element.scrollTop = Math.max(0, element.scrollTop - dropped * LOG_ROW_HEIGHT);
  }, [view]);

  useEffect(() => {
    if (!jumpPending.current || current < 0) return;
    jumpPending.current = false;
    stickToBottom.current = false;
    virtualizer.scrollToIndex(current, { align: 'center' });
  }, [current, virtualizer]);

  const pick = useCallback(
    (index: number, extend: boolean) => {
      const seq = ring?.at(index)?.seq;
      if (seq === undefined) return;
      setSelection((previous) =>
        extend && previous !== null
          ? { anchor: previous.anchor, focus: seq }
          : { anchor: seq, focus: seq },
      );
    },
    [ring],
  );

  const copy = async (): Promise<void> => {
    const lines = ring === undefined ? [] : linesToCopy(ring, selection);
    if (lines.length === 0) {
      setStatus('Nothing to copy');
      return;
    }
    const text = `${lines.map((line) => lineToText(line, showTime)).join('\n')}\n`;
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`Copied ${plural(lines.length, 'line')}`);
    } catch {
      setStatus('The clipboard is not available here; select the lines and use your system copy');
    }
  };

  const clear = (): void => {
    if (sessionId !== null) useLogStore.getState().clear(sessionId);
    setSelection(null);
    setStatus('Log cleared');
  };

  const toggleTime = async (): Promise<void> => {
    const result = await bridge.invoke['settings:update']({ logTimestamps: !showTime });
    if (result.ok) useSettingsStore.getState().setSettings(result.value);
    else
      useNoticesStore
        .getState()
        .push('error', `Could not change the setting: ${result.error.message}`);
  };

  const find = (text: string): void => {
    setQuery(text);
    setMatchPos(0);
    jumpPending.current = text !== '';
  };

  const step = (delta: 1 | -1): void => {
    if (matches.length === 0) return;
    const position = Math.min(matchPos, matches.length - 1);
    setMatchPos((position + delta + matches.length) % matches.length);
    jumpPending.current = true;
  };

  const onLogKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'a' && ring !== undefined && ring.size > 0) {
      event.preventDefault();
      const first = ring.at(0)?.seq ?? 0;
      const last = ring.at(ring.size - 1)?.seq ?? 0;
      setSelection({ anchor: first, focus: last });
    } else if (mod && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copy();
    } else if (event.key === 'Escape' && selection !== null) {
      event.stopPropagation();
      setSelection(null);
    }
  };

  const onScroll = (): void => {
    const element = scrollRef.current;
    if (element === null) return;
    const gap = element.scrollHeight - element.scrollTop - element.clientHeight;
    stickToBottom.current = gap <= LOG_ROW_HEIGHT / 2;
  };

  const selectedCount =
    ring === undefined || selection === null ? 0 : Math.abs(selection.focus - selection.anchor) + 1;

  return (
    <div className="message-log">
      <LogToolbar
        query={query}
        onQuery={find}
        onStep={step}
        matchCount={matches.length}
        matchPosition={current < 0 ? 0 : Math.min(matchPos, matches.length - 1) + 1}
        status={status}
        selectedCount={selectedCount}
        showTime={showTime}
        onToggleTime={() => void toggleTime()}
        onCopy={() => void copy()}
        onClear={clear}
        canClear={size > 0}
      />
      {/*
        aria-live is off: rows are recycled as the list scrolls and grows, which a screen
        reader would read out as a stream of unrelated "new" lines. What matters is
        announced where it happens (status bar state, the alert next to Quickconnect).
      */}
      <div
        ref={scrollRef}
        role="log"
        aria-label="Message log"
        aria-live="off"
        tabIndex={0}
        className="log-scroll"
        onScroll={onScroll}
        onKeyDown={onLogKeyDown}
      >
        {size === 0 ? (
          <p className="log-empty">
            {sessionId === null
              ? 'Messages from the server appear here once you connect.'
              : 'The log is empty.'}
          </p>
        ) : null}
        <div className="log-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {ring === undefined
            ? null
            : virtualizer.getVirtualItems().map((item) => {
                const line = ring.at(item.index);
                if (line === undefined) return null;
                return (
                  <LogRow
                    key={item.key}
                    line={line}
                    index={item.index}
                    top={item.start}
                    showTime={showTime}
                    highlight={findQuery}
                    selected={isSelected(selection, line.seq)}
                    currentMatch={item.index === current}
                    onPick={pick}
                  />
                );
              })}
        </div>
      </div>
    </div>
  );
}
