import type { Locator, Page } from '@playwright/test';

export interface QuickconnectTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

/** The quickconnect bar (issue 5: fields Host, Username, Password, Port; button Quickconnect). */
export class QuickconnectBar {
  readonly form: Locator;
  readonly host: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly port: Locator;
  readonly connectButton: Locator;
  /**
   * Why a connection failed, said next to the bar (issue 5: "a wrong password says so next
   * to the connection"). The bar sits in the window's header (role banner); an alert there
   * is one the user sees where they just typed.
   */
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Quickconnect' });
    // exact: the Site Manager has a "Host" too, and "Password" must not match "Passwords".
    this.host = this.form.getByLabel('Host', { exact: true });
    this.username = this.form.getByLabel('Username', { exact: true });
    this.password = this.form.getByLabel('Password', { exact: true });
    this.port = this.form.getByLabel('Port', { exact: true });
    this.connectButton = this.form.getByRole('button', { name: 'Quickconnect', exact: true });
    this.alert = page.getByRole('banner').getByRole('alert');
  }

  /** Types the target into the four fields and presses Quickconnect. */
  async connect(target: QuickconnectTarget): Promise<void> {
    await this.host.fill(target.host);
    await this.username.fill(target.user);
    await this.password.fill(target.password);
    await this.port.fill(String(target.port));
    await this.connectButton.click();
  }
}
