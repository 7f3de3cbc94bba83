import type { Locator, Page } from '@playwright/test';

export type LogKind = 'Status' | 'Command' | 'Response' | 'Error';

export interface LogEntry {
  readonly kind: LogKind;
  readonly text: string;
}

/** What a step of an expected conversation must look like. */
export interface LogPattern {
  readonly kind: LogKind;
  readonly text: RegExp;
}

/** The message log (issue 5: role log, label "Message log"), FileZilla's "Kind: text" lines. */
export class MessageLog {
  readonly log: Locator;

  constructor(readonly page: Page) {
    this.log = page.getByRole('log', { name: 'Message log' });
  }

  /**
   * Every line the log holds, oldest first. The log is virtualised (only the rows on
   * screen exist in the page), so this scrolls it from top to bottom as a reader would
   * and reads each row as it comes into view, then puts the scroll position back to the
   * bottom (where the log follows new lines). Rows are plain text, not widgets, so they
   * have no role to find them by: each is a kind label ("Status:") and the text.
   */
  async lines(): Promise<LogEntry[]> {
    const rows = await this.log.evaluate(async (element) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      const seen = new Map<number, [string, string]>();
      const collect = () => {
        for (const row of element.querySelectorAll<HTMLElement>('[data-seq]')) {
          const label = row.querySelector('.log-label')?.textContent ?? '';
          const text = row.querySelector('.log-text')?.textContent ?? '';
          seen.set(Number(row.dataset['seq']), [label, text]);
        }
      };
      element.scrollTop = 0;
      await frame();
      await frame();
      for (;;) {
        collect();
        const before = element.scrollTop;
        element.scrollTop = before + Math.max(1, element.clientHeight - 20);
        await frame();
        await frame();
        if (element.scrollTop === before) break;
      }
      collect();
      element.scrollTop = element.scrollHeight;
      return [...seen.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
    });
    return rows.map(([label, text]) => ({ kind: label.replace(/:$/, '') as LogKind, text }));
  }

  /** The log as FileZilla shows it, one "Kind: text" line each. */
  async text(): Promise<string> {
    return (await this.lines()).map((line) => `${line.kind}: ${line.text}`).join('\n');
  }
}

/**
 * Where `patterns` stop matching `entries` as a subsequence (in order, other lines in
 * between allowed), or null when all match: "the log shows this conversation".
 */
export function firstUnmatched(
  entries: readonly LogEntry[],
  patterns: readonly LogPattern[],
): string | null {
  let at = 0;
  for (const pattern of patterns) {
    let found = false;
    while (at < entries.length && !found) {
      const entry = entries[at];
      at += 1;
      found = entry?.kind === pattern.kind && pattern.text.test(entry.text);
    }
    if (!found) return `${pattern.kind}: ${String(pattern.text)}`;
  }
  return null;
}
