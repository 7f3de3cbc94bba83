import type { Locator, Page } from '@playwright/test';

/** The status bar: connection state and the connection-mode toggle (issue 5). */
export class StatusBar {
  readonly bar: Locator;
  readonly connection: Locator;
  /** A button whose name begins with "Connection mode" (issue 5). */
  readonly connectionMode: Locator;

  constructor(readonly page: Page) {
    this.bar = page.getByRole('contentinfo');
    this.connection = this.bar.getByRole('status');
    this.connectionMode = page.getByRole('button', { name: /^Connection mode/ });
  }
}
