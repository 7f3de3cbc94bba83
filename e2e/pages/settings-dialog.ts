import type { Locator, Page } from '@playwright/test';

/** Settings (issue 5: dialog "Settings", checkbox "Force Passive mode", button "OK"). */
export class SettingsDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly forcePassive: Locator;
  readonly fallback: Locator;
  readonly ok: Locator;

  constructor(readonly page: Page) {
    // The toolbar's button; the compact menu has "Settings…" as well.
    this.openButton = page
      .getByRole('toolbar')
      .getByRole('button', { name: 'Settings', exact: true });
    this.dialog = page.getByRole('dialog', { name: 'Settings' });
    this.forcePassive = this.dialog.getByRole('checkbox', { name: 'Force Passive mode' });
    this.fallback = this.dialog.getByRole('checkbox', {
      name: 'Fall back to the other mode on failure',
    });
    this.ok = this.dialog.getByRole('button', { name: 'OK', exact: true });
  }

  /** Opens Settings, sets the checkbox, presses OK and waits for the dialog to close. */
  async setCheckbox(box: 'forcePassive' | 'fallback', checked: boolean): Promise<void> {
    await this.openButton.click();
    await this[box].setChecked(checked);
    await this.ok.click();
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
