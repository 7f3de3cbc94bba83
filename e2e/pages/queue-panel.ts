import { expect, type Locator, type Page } from '@playwright/test';

export type QueueTabName = 'Queued files' | 'Failed transfers' | 'Successful transfers';

/** The transfer queue (issue 5: region "Transfer queue" with three named tabs). */
export class QueuePanel {
  readonly region: Locator;
  readonly queuedTab: Locator;
  readonly failedTab: Locator;
  readonly successfulTab: Locator;
  /** The list of the tab that is shown (the others' panels are hidden). */
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Transfer queue' });
    this.queuedTab = this.tab('Queued files');
    this.failedTab = this.tab('Failed transfers');
    this.successfulTab = this.tab('Successful transfers');
    this.list = this.region.getByRole('tabpanel').getByRole('grid');
  }

  tab(name: QueueTabName): Locator {
    return this.region.getByRole('tab', { name, exact: true });
  }

  async show(name: QueueTabName): Promise<void> {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** The number a tab shows next to its name. */
  async count(name: QueueTabName): Promise<number> {
    const text = (await this.tab(name).textContent()) ?? '';
    return Number(/([\d,.\s]+)$/.exec(text)?.[1]?.replace(/\D/g, '') ?? 'NaN');
  }

  /**
   * Waits until `expected` transfers have ended, successfully or not, and nothing is left
   * queued; returns how many ended each way.
   */
  async waitUntilFinished(expected: number): Promise<{ done: number; failed: number }> {
    let counts = { done: 0, failed: 0 };
    await expect
      .poll(async () => {
        counts = {
          done: await this.count('Successful transfers'),
          failed: await this.count('Failed transfers'),
        };
        const queued = await this.count('Queued files');
        return queued === 0 && counts.done + counts.failed >= expected;
      })
      .toBe(true);
    return counts;
  }

  /** A transfer in the shown tab; rows are named by the file being transferred. */
  row(fileName: string | RegExp): Locator {
    return this.list.getByRole('row', { name: fileName, exact: true });
  }
}
