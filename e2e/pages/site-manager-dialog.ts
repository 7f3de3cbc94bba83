import type { Locator, Page } from '@playwright/test';

export interface SiteFields {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** One of the Encryption choices, FileZilla's wording. */
  readonly encryption?: string;
}

/** The Site Manager (issue 5: a "Site Manager" button opens a dialog named "Site Manager"). */
export class SiteManagerDialog {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly tree: Locator;
  readonly newSite: Locator;
  readonly name: Locator;
  readonly host: Locator;
  readonly port: Locator;
  readonly encryption: Locator;
  readonly logonType: Locator;
  readonly user: Locator;
  readonly password: Locator;
  readonly connect: Locator;
  readonly ok: Locator;
  /** The question "Enter password", which a site with a saved password must not ask. */
  readonly passwordPrompt: Locator;

  constructor(readonly page: Page) {
    this.openButton = page
      .getByRole('toolbar')
      .getByRole('button', { name: 'Site Manager', exact: true });
    this.dialog = page.getByRole('dialog', { name: 'Site Manager' });
    this.tree = this.dialog.getByRole('tree', { name: 'Sites' });
    this.newSite = this.dialog.getByRole('button', { name: 'New site', exact: true });
    this.name = this.dialog.getByLabel('Name', { exact: true });
    this.host = this.dialog.getByLabel('Host', { exact: true });
    this.port = this.dialog.getByLabel('Port', { exact: true });
    this.encryption = this.dialog.getByLabel('Encryption', { exact: true });
    this.logonType = this.dialog.getByLabel('Logon Type', { exact: true });
    this.user = this.dialog.getByLabel('User', { exact: true });
    this.password = this.dialog.getByLabel('Password', { exact: true });
    this.connect = this.dialog.getByRole('button', { name: 'Connect', exact: true });
    this.ok = this.dialog.getByRole('button', { name: 'OK', exact: true });
    this.passwordPrompt = page.getByRole('dialog', { name: 'Enter password' });
  }

  site(name: string): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true });
  }

  /** New site, with its fields typed in (General tab). Does not save: Connect or OK does. */
  async create(fields: SiteFields): Promise<void> {
    await this.newSite.click();
    await this.name.fill(fields.name);
    await this.host.fill(fields.host);
    await this.port.fill(String(fields.port));
    if (fields.encryption !== undefined) {
      await this.encryption.selectOption({ label: fields.encryption });
    }
    await this.logonType.selectOption({ label: 'Normal' });
    await this.user.fill(fields.user);
    await this.password.fill(fields.password);
  }
}
