import { expect, type Locator, type Page } from '@playwright/test';

export type PaneSide = 'local' | 'remote';

const NAMES = {
  local: { region: 'Local site', path: 'Local path', grid: 'Local files' },
  remote: { region: 'Remote site', path: 'Remote path', grid: 'Remote files' },
} as const;

/**
 * One file pane (issue 5: path fields "Local path"/"Remote path", grids "Local files"/
 * "Remote files" whose rows are named by file name, a ".." row).
 */
export class FilePane {
  readonly region: Locator;
  readonly pathField: Locator;
  readonly grid: Locator;
  /** The pane's own error line (a failed listing, a refused drop). */
  readonly alert: Locator;
  /** The context menu, once open. */
  readonly contextMenu: Locator;

  constructor(
    readonly page: Page,
    readonly side: PaneSide,
  ) {
    const names = NAMES[side];
    this.region = page.getByRole('region', { name: names.region });
    this.pathField = page.getByRole('textbox', { name: names.path, exact: true });
    this.grid = page.getByRole('grid', { name: names.grid, exact: true });
    this.alert = this.region.getByRole('alert');
    this.contextMenu = page.getByRole('menu', { name: `${names.grid} actions` });
  }

  row(name: string | RegExp): Locator {
    return this.grid.getByRole('row', { name, exact: true });
  }

  /** The ".." row. */
  get parentRow(): Locator {
    return this.row('..');
  }

  /** Double-click: a folder opens, a file is transferred to the other pane's folder. */
  async doubleClick(name: string): Promise<void> {
    await this.row(name).dblclick();
  }

  /** Drags a row onto another pane's list (HTML5 drag and drop, as a mouse does it). */
  async dragTo(name: string, target: FilePane): Promise<void> {
    await this.row(name).dragTo(target.grid);
  }

  /** Right-clicks a row and picks an item of the context menu ("Download", "Delete"…). */
  async contextAction(name: string, item: string): Promise<void> {
    await this.row(name).click({ button: 'right' });
    await this.contextMenu.getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** Types a folder into the path field and presses Enter; waits until the pane shows it. */
  async goTo(path: string): Promise<void> {
    await this.pathField.fill(path);
    await this.pathField.press('Enter');
    await expect(this.pathField).toHaveValue(path);
    await expect(this.grid).toHaveAttribute('aria-busy', 'false');
  }

  /** F5 in the list, the keyboard way to refresh a pane. */
  async refresh(): Promise<void> {
    await this.grid.focus();
    await this.grid.press('F5');
    await expect(this.grid).toHaveAttribute('aria-busy', 'false');
  }

  /**
   * The names of the rows shown, without "..". The list is virtualised; the folders used
   * in these flows are small enough to be on screen whole.
   */
  async names(): Promise<string[]> {
    const labels = await this.grid
      .getByRole('row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
    return labels
      .filter((name): name is string => name !== null && name !== '..')
      .sort((a, b) => a.localeCompare(b));
  }
}
