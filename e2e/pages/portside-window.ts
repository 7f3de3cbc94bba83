import { expect, type Page, type TestInfo } from '@playwright/test';
import { FileExistsDialog } from './file-exists-dialog.js';
import { FilePane } from './file-pane.js';
import { MessageLog } from './message-log.js';
import { QueuePanel } from './queue-panel.js';
import { QuickconnectBar, type QuickconnectTarget } from './quickconnect-bar.js';
import { SettingsDialog } from './settings-dialog.js';
import { SiteManagerDialog } from './site-manager-dialog.js';
import { StatusBar } from './status-bar.js';
import { TrustDialog } from './trust-dialog.js';

/** The main window, as the parts a person works with (issue 5's layout). */
export class PortsideWindow {
  readonly quickconnect: QuickconnectBar;
  readonly localPane: FilePane;
  readonly remotePane: FilePane;
  readonly log: MessageLog;
  readonly queue: QueuePanel;
  readonly statusBar: StatusBar;
  readonly settings: SettingsDialog;
  readonly siteManager: SiteManagerDialog;
  readonly trust: TrustDialog;
  readonly fileExists: FileExistsDialog;

  constructor(readonly page: Page) {
    this.quickconnect = new QuickconnectBar(page);
    this.localPane = new FilePane(page, 'local');
    this.remotePane = new FilePane(page, 'remote');
    this.log = new MessageLog(page);
    this.queue = new QueuePanel(page);
    this.statusBar = new StatusBar(page);
    this.settings = new SettingsDialog(page);
    this.siteManager = new SiteManagerDialog(page);
    this.trust = new TrustDialog(page);
    this.fileExists = new FileExistsDialog(page);
  }

  /**
   * Waits for the window to be usable, then points the local pane at `localDir` through
   * its path field (the pane starts in the home folder; the test's folder is elsewhere).
   */
  async ready(localDir: string): Promise<void> {
    await expect(this.quickconnect.connectButton).toBeEnabled();
    // The home folder's listing must land first, or it could replace ours afterwards.
    await expect(this.localPane.pathField).not.toHaveValue('');
    await this.localPane.goTo(localDir);
  }

  /** Quickconnect, then wait until the status bar says connected and the listing is in. */
  async connect(target: QuickconnectTarget): Promise<void> {
    await this.quickconnect.connect(target);
    await this.expectConnected(target);
  }

  async expectConnected(target: Pick<QuickconnectTarget, 'host' | 'user' | 'port'>): Promise<void> {
    await expect(this.statusBar.connection).toContainText(
      `Connected to ${target.user}@${target.host}:${target.port}`,
    );
    await expect(this.remotePane.grid).toBeVisible();
    await expect(this.remotePane.grid).toHaveAttribute('aria-busy', 'false');
  }

  /** Attaches what the window looks like now to the HTML report. */
  async attachScreenshot(testInfo: TestInfo, name: string): Promise<void> {
    await testInfo.attach(name, { body: await this.page.screenshot(), contentType: 'image/png' });
  }
}
