// Flow 5: Force Passive mode. Off (Settings): the next listing and the next transfer use
// active mode (PORT on IPv4, EPRT on IPv6) and work; on again: PASV or EPSV. The status
// bar's toggle always shows the mode, and flipping it there is the same setting.
import { join } from 'node:path';
import { expect, test } from '../app/fixtures.js';
import { namesIn, sha256File } from '../app/disk.js';
import { firstUnmatched, type LogEntry, type LogPattern } from '../pages/message-log.js';
import type { PortsideWindow } from '../pages/portside-window.js';

const ACTIVE = /^(PORT|EPRT) /;
const PASSIVE = /^(PASV|EPSV)$/;

/** Lines logged after `mark` lines were already there. */
async function linesAfter(app: PortsideWindow, mark: number): Promise<LogEntry[]> {
  return (await app.log.lines()).slice(mark);
}

async function expectInLogAfter(app: PortsideWindow, mark: number, steps: LogPattern[]) {
  await expect
    .poll(async () => firstUnmatched(await linesAfter(app, mark), steps), {
      message: 'first expected step missing from the log',
    })
    .toBeNull();
}

test('flow 5: Force Passive mode off uses PORT/EPRT for listing and transfer; on uses PASV/EPSV', async ({
  app,
  server,
  localDir,
}, testInfo) => {
  await server.writeFile('active.txt', 'fetched in active mode\n');
  await server.writeFile('passive.txt', 'fetched in passive mode\n');
  await app.connect(server);
  await expect(app.statusBar.connectionMode).toHaveAccessibleName(/^Connection mode: Passive/);

  // Off: active mode.
  await app.settings.setCheckbox('forcePassive', false);
  await expect(app.statusBar.connectionMode).toHaveAccessibleName(/^Connection mode: Active/);
  let mark = (await app.log.lines()).length;
  await app.remotePane.refresh();
  await expectInLogAfter(app, mark, [
    { kind: 'Command', text: ACTIVE },
    { kind: 'Command', text: /^(LIST|MLSD)\b/ },
    { kind: 'Response', text: /^226[ -]/ },
    { kind: 'Status', text: /^Directory listing successful/ },
  ]);
  expect(
    (await linesAfter(app, mark)).filter((l) => l.kind === 'Command' && PASSIVE.test(l.text)),
    'no passive command in active mode',
  ).toEqual([]);
  expect(await app.remotePane.names()).toEqual(await namesIn(server.root));

  mark = (await app.log.lines()).length;
  await app.remotePane.doubleClick('active.txt');
  await expect(app.localPane.row('active.txt')).toBeVisible();
  await expectInLogAfter(app, mark, [
    { kind: 'Command', text: ACTIVE },
    { kind: 'Command', text: /^RETR .*active\.txt$/ },
    { kind: 'Response', text: /^226[ -]/ },
  ]);
  expect(await sha256File(join(localDir, 'active.txt'))).toBe(
    await sha256File(join(server.root, 'active.txt')),
  );
  await app.attachScreenshot(testInfo, 'flow 5: active mode');

  // On again: passive mode.
  await app.settings.setCheckbox('forcePassive', true);
  await expect(app.statusBar.connectionMode).toHaveAccessibleName(/^Connection mode: Passive/);
  mark = (await app.log.lines()).length;
  await app.remotePane.refresh();
  await expectInLogAfter(app, mark, [
    { kind: 'Command', text: PASSIVE },
    { kind: 'Command', text: /^(LIST|MLSD)\b/ },
    { kind: 'Response', text: /^226[ -]/ },
  ]);
  mark = (await app.log.lines()).length;
  await app.remotePane.doubleClick('passive.txt');
  await expect(app.localPane.row('passive.txt')).toBeVisible();
  await expectInLogAfter(app, mark, [
    { kind: 'Command', text: PASSIVE },
    { kind: 'Command', text: /^RETR .*passive\.txt$/ },
    { kind: 'Response', text: /^226[ -]/ },
  ]);
  expect(await sha256File(join(localDir, 'passive.txt'))).toBe(
    await sha256File(join(server.root, 'passive.txt')),
  );
  await app.attachScreenshot(testInfo, 'flow 5: passive mode again');
});

test('flow 5: the status-bar toggle shows the mode and flips the Force Passive mode setting', async ({
  app,
}, testInfo) => {
  const toggle = app.statusBar.connectionMode;
  await expect(toggle).toHaveAccessibleName(/^Connection mode: Passive/);

  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/^Connection mode: Active/);
  await app.settings.openButton.click();
  await expect(app.settings.forcePassive).not.toBeChecked();
  await app.attachScreenshot(testInfo, 'flow 5: settings after the toggle');
  await app.settings.ok.click();

  await toggle.click();
  await expect(toggle).toHaveAccessibleName(/^Connection mode: Passive/);
  await app.settings.openButton.click();
  await expect(app.settings.forcePassive).toBeChecked();
  await app.settings.ok.click();
});
