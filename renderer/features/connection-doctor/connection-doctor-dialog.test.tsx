import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { err, ok } from '../../../shared/contract/errors.js';
import {
  DOCTOR_STEP_TITLES,
  type DoctorReport,
  type DoctorStep,
} from '../../../shared/models/doctor.js';
import type { Site } from '../../../shared/models/site.js';
import { useSessionStore } from '../../stores/session-store.js';
import { createFakeBridge, type FakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { QuickconnectBar } from '../quickconnect/quickconnect-bar.js';
import { SiteManagerDialog } from '../site-manager/site-manager-dialog.js';
import { ConnectionDoctorHost } from './connection-doctor-dialog.js';
import { useDoctorLaunchStore } from './doctor-launch-store.js';

afterEach(() => {
  act(() => useDoctorLaunchStore.getState().close());
  useSessionStore.setState(useSessionStore.getInitialState());
});

const dataRunning: DoctorStep = {
  id: 'data',
  title: DOCTOR_STEP_TITLES.data,
  state: 'running',
  summary: 'Trying each way of opening a data connection',
  findings: [
    { label: 'EPSV', outcome: 'failed', text: 'The data connection to 127.0.0.1:40001 failed' },
  ],
};

const report: DoctorReport = {
  target: 'alice@127.0.0.1:2121',
  usable: true,
  verdict:
    'The server can be used with the recommended settings; some things do not work (see below).',
  works: [],
  fails: [],
  causes: [
    'Passive mode is blocked: the data connection to the port the server named could not be opened.',
  ],
  steps: [{ ...dataRunning, state: 'warning', summary: 'PORT, EPRT work' }],
  recommended: {
    transferMode: 'active',
    encryption: 'explicit',
    maxConnections: 2,
    listingCommand: 'auto',
  },
  text: 'Portside connection doctor\nServer: alice@127.0.0.1:2121\n',
};

const savedSite: Site = {
  id: 'new-site',
  parentId: null,
  name: '127.0.0.1',
  host: '127.0.0.1',
  port: 2121,
  encryption: 'explicit',
  logonType: 'ask',
  user: 'alice',
  hasPassword: false,
  transferMode: 'active',
  localFolder: '',
  remoteFolder: '',
  maxConnections: 2,
  listingCommand: 'auto',
  comments: '',
};

function setup(fake: FakeBridge = createFakeBridge()) {
  fake.handle('doctor:run', () => ok({ runId: 'run1' }));
  fake.handle('doctor:cancel', () => ok(null));
  fake.handle('doctor:apply', () => ok(savedSite));
  const rendered = renderWithBridge(<ConnectionDoctorHost />, fake);
  act(() =>
    useDoctorLaunchStore
      .getState()
      .open({ quick: { host: '127.0.0.1', port: 2121, user: 'alice', password: 'pw' } }),
  );
  const dialog = within(screen.getByRole('dialog', { name: 'Diagnose connection' }));
  return { ...rendered, dialog };
}

describe('ConnectionDoctorDialog', () => {
  it('shows live steps and the log, then the report; copies it and applies the settings', async () => {
    const { fake, user, dialog } = setup();
    await waitFor(() =>
      expect(fake.callsTo('doctor:run')).toEqual([
        { quick: { host: '127.0.0.1', port: 2121, user: 'alice', password: 'pw' } },
      ]),
    );
    // Progress of another run is not shown.
    act(() =>
      fake.emit('doctor:progress', {
        runId: 'other',
        step: { ...dataRunning, summary: 'Not mine' },
      }),
    );
    act(() => fake.emit('doctor:progress', { runId: 'run1', step: dataRunning }));
    act(() =>
      fake.emit('doctor:progress', {
        runId: 'run1',
        lines: [
          { seq: 0, time: 0, sessionId: 'run1', kind: 'command', text: 'PASS ********' },
          { seq: 1, time: 0, sessionId: 'run1', kind: 'command', text: 'EPSV' },
        ],
      }),
    );
    await waitFor(() =>
      expect(dialog.getByText('Trying each way of opening a data connection')).toBeTruthy(),
    );
    expect(dialog.queryByText('Not mine')).toBeNull();
    expect(dialog.getByText('Running…')).toBeTruthy();
    expect(dialog.getByLabelText('Diagnosis log').textContent).toBe(
      'Command: PASS ********\nCommand: EPSV',
    );
    expect(dialog.getByRole('button', { name: 'Copy report' })).toHaveProperty('disabled', true);
    expect(dialog.getByRole('button', { name: 'Apply recommended settings' })).toHaveProperty(
      'disabled',
      true,
    );

    act(() => fake.emit('doctor:progress', { runId: 'run1', report }));
    expect(dialog.getByText(report.verdict)).toBeTruthy();
    const causes = within(dialog.getByRole('list', { name: 'Likely causes' }));
    expect(causes.getByText(report.causes[0] as string)).toBeTruthy();
    expect(dialog.getByText('Active')).toBeTruthy();
    expect(dialog.getByText('Require explicit FTP over TLS')).toBeTruthy();

    await user.click(dialog.getByRole('button', { name: 'Copy report' }));
    expect(await navigator.clipboard.readText()).toBe(report.text);
    expect(dialog.getByRole('status').textContent).toBe('Report copied to the clipboard.');

    await user.click(dialog.getByRole('button', { name: 'Apply recommended settings' }));
    expect(fake.callsTo('doctor:apply')).toEqual([{ runId: 'run1' }]);
    await waitFor(() =>
      expect(dialog.getByRole('status').textContent).toBe(
        'Recommended settings saved to the site "127.0.0.1".',
      ),
    );
    await user.click(dialog.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Diagnose connection' })).toBeNull();
    expect(fake.callsTo('doctor:cancel')).toEqual([]);
  });

  it('cancels the run when closed while it runs', async () => {
    const { fake, user, dialog } = setup();
    await waitFor(() => expect(fake.callsTo('doctor:run')).toHaveLength(1));
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('doctor:cancel')).toEqual([{ runId: 'run1' }]);
  });

  it('says why a run could not start', async () => {
    const fake = createFakeBridge();
    const { dialog } = setup(fake);
    fake.handle('doctor:run', () => err('auth', 'Enter the password for deploy@ftp.example.com'));
    act(() => useDoctorLaunchStore.getState().open({ siteId: 'site1' }));
    const again = within(screen.getByRole('dialog', { name: 'Diagnose connection' }));
    expect(await again.findByText('Enter the password for deploy@ftp.example.com')).toBeTruthy();
    expect(dialog).toBeTruthy();
  });
});

describe('entry points in the quickconnect bar', () => {
  it('diagnoses what the fields hold from the dropdown', async () => {
    const { user } = renderWithBridge(<QuickconnectBar />, createFakeBridge());
    await user.type(screen.getByRole('textbox', { name: 'Host' }), '127.0.0.1');
    await user.type(screen.getByRole('textbox', { name: 'Port' }), '2121');
    await user.click(screen.getByRole('button', { name: 'Recent connections' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Diagnose connection…' }));
    expect(useDoctorLaunchStore.getState().request).toEqual({
      quick: { host: '127.0.0.1', port: 2121 },
    });
  });

  it('offers "Diagnose connection" under a failed connection', async () => {
    const fake = createFakeBridge();
    fake.handle('session:connect', () => err('network', 'Connection refused by 127.0.0.1:2121'));
    const { user } = renderWithBridge(<QuickconnectBar />, fake);
    await user.type(screen.getByRole('textbox', { name: 'Host' }), '127.0.0.1');
    await user.type(screen.getByRole('textbox', { name: 'Port' }), '2121');
    await user.click(screen.getByRole('button', { name: 'Quickconnect' }));
    const alert = within(await screen.findByRole('alert'));
    await user.click(alert.getByRole('button', { name: 'Diagnose connection' }));
    expect(useDoctorLaunchStore.getState().request).toEqual({
      quick: { host: '127.0.0.1', port: 2121 },
    });
  });
});

describe('entry point in the Site Manager', () => {
  it('shows the listing command the doctor applied, and saves a change to it', async () => {
    const fake = createFakeBridge();
    const applied = {
      ...savedSite,
      id: 'site1',
      name: 'Production',
      listingCommand: 'list' as const,
    };
    fake.handle('sites:list', () => ok({ folders: [], sites: [applied] }));
    fake.handle('sites:save', ({ password: _password, ...input }) =>
      ok({ ...input, hasPassword: false }),
    );
    const { user } = renderWithBridge(<SiteManagerDialog onClose={vi.fn()} />, fake);
    const dialog = within(screen.getByRole('dialog', { name: 'Site Manager' }));
    await user.click(await dialog.findByRole('treeitem', { name: 'Production' }));
    await user.click(dialog.getByRole('tab', { name: 'Transfer Settings' }));
    const mlsd = dialog.getByRole('checkbox', { name: /List folders with MLSD/ });
    expect(mlsd).toHaveProperty('checked', false);
    await user.click(mlsd);
    await user.click(dialog.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(fake.callsTo('sites:save')).toHaveLength(1));
    expect(fake.callsTo('sites:save')[0]).toMatchObject({ id: 'site1', listingCommand: 'auto' });
  });

  it('closes the Site Manager and diagnoses the selected site', async () => {
    const fake = createFakeBridge();
    fake.handle('sites:list', () =>
      ok({ folders: [], sites: [{ ...savedSite, id: 'site1', name: 'Production' }] }),
    );
    const onClose = vi.fn();
    const { user } = renderWithBridge(<SiteManagerDialog onClose={onClose} />, fake);
    const dialog = within(screen.getByRole('dialog', { name: 'Site Manager' }));
    await user.click(await dialog.findByRole('treeitem', { name: 'Production' }));
    await user.click(dialog.getByRole('button', { name: 'Diagnose connection' }));
    // An "ask for password" site asks first, as Connect does.
    const prompt = within(await screen.findByRole('dialog', { name: /password/i }));
    await user.type(prompt.getByLabelText(/password/i, { selector: 'input' }), 'typed');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(useDoctorLaunchStore.getState().request).toEqual({ siteId: 'site1', password: 'typed' });
    expect(fake.callsTo('session:connect')).toEqual([]);
  });
});
