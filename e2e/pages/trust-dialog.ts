import type { Locator, Page } from '@playwright/test';

/** The certificate question: "Unknown certificate", or "Certificate changed" for a pinned one. */
export class TrustDialog {
  readonly dialog: Locator;
  readonly changedDialog: Locator;
  readonly trustOnce: Locator;
  readonly alwaysTrust: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    // An alertdialog: it interrupts the connection to ask something that matters.
    this.dialog = page.getByRole('alertdialog', { name: /certificate/i });
    this.changedDialog = page.getByRole('alertdialog', { name: 'Certificate changed' });
    this.trustOnce = this.dialog.getByRole('button', { name: 'Trust once', exact: true });
    this.alwaysTrust = this.dialog.getByRole('button', { name: 'Always trust', exact: true });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel', exact: true });
  }
}
