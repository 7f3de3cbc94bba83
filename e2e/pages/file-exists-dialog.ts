import type { Locator, Page } from '@playwright/test';

export type FileExistsAction =
  | 'Overwrite'
  | 'Overwrite if source newer'
  | 'Overwrite if different size'
  | 'Resume'
  | 'Rename'
  | 'Skip';

/** FileZilla's "Target file already exists" question. */
export class FileExistsDialog {
  readonly dialog: Locator;
  readonly ok: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Target file already exists' });
    this.ok = this.dialog.getByRole('button', { name: 'OK', exact: true });
  }

  action(name: FileExistsAction): Locator {
    return this.dialog.getByRole('radio', { name, exact: true });
  }
}
