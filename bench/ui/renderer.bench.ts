// The renderer side of issue 8, measured in Chromium through the browser host: time from
// the user's action to the first rows on screen, and the longest main-thread task
// (PerformanceObserver 'longtask', which reports tasks over 50 ms) while the work lands.
// Figures are printed and attached to the report; nothing asserts a time.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../../e2e/app/fixtures.js';

const ENTRIES = Number(process.env['PORTSIDE_BENCH_ENTRIES'] ?? 100_000);
const LOG_LINES = Number(process.env['PORTSIDE_BENCH_LOG_LINES'] ?? 100_000);
/** The host's own batch limit (electron/services/log-batcher.ts): a burst arrives like this. */
const LINES_PER_MESSAGE = 2000;

const REMOTE_ROW = (name: string) =>
  `[role="grid"][aria-label="Remote files"] [role="row"][aria-label="${name}"]`;
const LOG_ROW = (seq: number) => `[role="log"][aria-label="Message log"] [data-seq="${seq}"]`;

/** A selector, or for the virtualised log: any row numbered `minSeq` or later. */
type Target = string | { readonly minSeq: number };

/**
 * Starts watching in the page: long tasks from now on, the moment of the next double-click
 * (or now, for work that does not start with a click), and the first frames in which
 * `first` and `last` are on screen. Read back by `finish`.
 */
async function watch(page: Page, first: Target, last: string, onDoubleClick: boolean) {
  await page.evaluate(
    ({ first, last, onDoubleClick }) => {
      const bench = { start: performance.now(), firstRows: 0, lastRow: 0, longest: 0, count: 0 };
      window.portsideBench = bench;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          bench.longest = Math.max(bench.longest, entry.duration);
          bench.count += 1;
        }
      }).observe({ type: 'longtask' });
      if (onDoubleClick) {
        window.addEventListener('dblclick', () => (bench.start = performance.now()), {
          capture: true,
          once: true,
        });
      }
      const poll = () => {
        const now = performance.now();
        const shown =
          typeof first === 'string'
            ? document.querySelector(first) !== null
            : [...document.querySelectorAll<HTMLElement>('[role="log"] [data-seq]')].some(
                (row) => Number(row.dataset['seq']) >= first.minSeq,
              );
        if (bench.firstRows === 0 && shown) bench.firstRows = now;
        if (bench.lastRow === 0 && document.querySelector(last) !== null) bench.lastRow = now;
        if (bench.firstRows === 0 || bench.lastRow === 0) requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    { first, last, onDoubleClick },
  );
}

interface Timing {
  readonly firstRowsMs: number;
  readonly lastRowMs: number;
  readonly longestTaskMs: number;
  readonly longTasks: number;
}

declare global {
  interface Window {
    portsideBench?: {
      start: number;
      firstRows: number;
      lastRow: number;
      longest: number;
      count: number;
    };
  }
}

async function finish(page: Page): Promise<Timing> {
  await page.waitForFunction(
    () => (window.portsideBench?.firstRows ?? 0) > 0 && (window.portsideBench?.lastRow ?? 0) > 0,
    undefined,
    { timeout: 120_000 },
  );
  // Long tasks are reported after they end: give the tail of the work a moment to land.
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    const b = window.portsideBench;
    if (b === undefined) throw new Error('not watching');
    return {
      firstRowsMs: b.firstRows - b.start,
      lastRowMs: b.lastRow - b.start,
      longestTaskMs: b.longest,
      longTasks: b.count,
    };
  });
}

function report(what: string, timing: Timing, lastWhat: string): void {
  test.info().annotations.push({ type: what, description: JSON.stringify(timing) });
  console.log(
    `${what}: first rows ${timing.firstRowsMs.toFixed(0)} ms, ${lastWhat} ${timing.lastRowMs.toFixed(0)} ms, longest task ${timing.longestTaskMs.toFixed(0)} ms (${timing.longTasks} long tasks)`,
  );
}

test(`a folder of ${ENTRIES} entries: double-click to first rows`, async ({ app, server }) => {
  const folder = join(server.root, 'many');
  await mkdir(folder, { mode: 0o755 });
  const name = (i: number) => `file ${String(i).padStart(6, '0')}.txt`;
  for (let i = 0; i < ENTRIES; i += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, ENTRIES - i) }, (_, k) =>
        writeFile(join(folder, name(i + k)), ''),
      ),
    );
  }
  await app.connect(server);
  // "Last row": the folder's last entry, after scrolling the list to its end (End key).
  await watch(app.page, REMOTE_ROW(name(0)), REMOTE_ROW(name(ENTRIES - 1)), true);
  await app.remotePane.doubleClick('many');
  await expect(app.remotePane.row(name(0))).toBeVisible({ timeout: 120_000 });
  await app.remotePane.row(name(0)).click();
  await app.page.keyboard.press('End');
  const timing = await finish(app.page);
  await expect(app.remotePane.row(name(ENTRIES - 1))).toBeVisible();
  report(`folder of ${ENTRIES} entries`, timing, 'last row after End');
});

test(`a burst of ${LOG_LINES} log lines: first and last line on screen`, async ({
  app,
  server,
  page,
  localDir,
}) => {
  // The burst is injected into the host's WebSocket as the host would send it ('session:log'
  // events of 2,000 lines, as its LogBatcher does), for the session that is really
  // connected: no server makes an engine log 100,000 lines on demand.
  let sessionId = '';
  let lastSeq = -1;
  let toPage: ((message: string) => void) | undefined;
  await page.routeWebSocket(/\/ws/, (ws) => {
    const host = ws.connectToServer();
    ws.onMessage((message) => host.send(message));
    host.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString('utf8');
      const parsed = JSON.parse(text) as {
        t?: string;
        channel?: string;
        payload?: { sessionId?: string; lines?: { seq: number }[] };
      };
      if (parsed.t === 'event' && parsed.channel === 'session:log') {
        sessionId = parsed.payload?.sessionId ?? sessionId;
        for (const line of parsed.payload?.lines ?? []) lastSeq = Math.max(lastSeq, line.seq);
      }
      ws.send(message);
    });
    toPage = (message) => ws.send(message);
  });
  await page.reload();
  await app.ready(localDir);
  await app.connect(server);
  await expect.poll(() => sessionId).not.toBe('');
  const first = lastSeq + 1;
  const last = lastSeq + LOG_LINES;
  await watch(page, { minSeq: first }, LOG_ROW(last), false);
  const time = Date.now();
  for (let seq = first; seq <= last; seq += LINES_PER_MESSAGE) {
    const lines = Array.from({ length: Math.min(LINES_PER_MESSAGE, last - seq + 1) }, (_, k) => ({
      seq: seq + k,
      time,
      sessionId,
      kind: (seq + k) % 2 === 0 ? 'command' : 'response',
      text: (seq + k) % 2 === 0 ? `NOOP` : `200 NOOP ok (burst line ${seq + k})`,
    }));
    toPage?.(JSON.stringify({ t: 'event', channel: 'session:log', payload: { sessionId, lines } }));
  }
  const timing = await finish(page);
  report(`burst of ${LOG_LINES} log lines`, timing, 'last line');
});
