import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { err } from '../../../shared/contract/errors.js';
import { DEFAULT_SETTINGS } from '../../../shared/models/settings.js';
import { useSettingsStore } from '../../stores/settings-store.js';
import { renderWithBridge } from '../../test-support/render.js';
import { SettingsDialog } from './settings-dialog.js';

function open() {
  const onClose = vi.fn();
  const rendered = renderWithBridge(<SettingsDialog onClose={onClose} />);
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  return { ...rendered, onClose, dialog, inDialog: within(dialog) };
}

describe('SettingsDialog', () => {
  beforeEach(() => useSettingsStore.getState().setSettings(DEFAULT_SETTINGS));

  it('shows every section with the current values', () => {
    const { inDialog } = open();
    for (const section of ['Connection', 'FTP', 'Transfers', 'Interface']) {
      expect(inDialog.getByRole('group', { name: section })).toBeTruthy();
    }
    expect(inDialog.getByRole('textbox', { name: 'Timeout in seconds' })).toHaveProperty(
      'value',
      '20',
    );
    expect(inDialog.getByRole('textbox', { name: 'Maximum number of retries' })).toHaveProperty(
      'value',
      '3',
    );
    expect(inDialog.getByRole('checkbox', { name: 'Force Passive mode' })).toHaveProperty(
      'checked',
      true,
    );
    expect(
      inDialog.getByRole('checkbox', { name: 'Fall back to the other mode on failure' }),
    ).toHaveProperty('checked', true);
    expect(inDialog.getByRole('textbox', { name: 'External IP address' })).toHaveProperty(
      'value',
      '',
    );
    expect(inDialog.getByRole('textbox', { name: 'Lowest available port' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(
      inDialog.getByRole('textbox', { name: 'Maximum simultaneous transfers' }),
    ).toHaveProperty('value', '2');
    expect(inDialog.getByRole('combobox', { name: 'When the target file exists' })).toHaveProperty(
      'value',
      'ask',
    );
    expect(inDialog.getByRole('combobox', { name: 'Theme' })).toHaveProperty('value', 'system');
    expect(
      inDialog.getByRole('checkbox', { name: 'Show time stamps in the message log' }),
    ).toHaveProperty('checked', false);
    expect(inDialog.getByRole('button', { name: 'OK' })).toBeTruthy();
  });

  it('OK sends only what changed through settings:update and closes', async () => {
    const { fake, user, inDialog, onClose } = open();
    await user.click(inDialog.getByRole('checkbox', { name: 'Force Passive mode' }));
    const transfers = inDialog.getByRole('textbox', { name: 'Maximum simultaneous transfers' });
    await user.clear(transfers);
    await user.type(transfers, '5');
    await user.click(
      inDialog.getByRole('checkbox', { name: 'Limit local ports used for active mode' }),
    );
    await user.selectOptions(inDialog.getByRole('combobox', { name: 'Theme' }), 'dark');
    await user.click(inDialog.getByRole('button', { name: 'OK' }));

    expect(fake.callsTo('settings:update')).toEqual([
      {
        forcePassive: false,
        activePortRange: { min: 6000, max: 7000 },
        simultaneousTransfers: 5,
        theme: 'dark',
      },
    ]);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(useSettingsStore.getState().settings.forcePassive).toBe(false);
    expect(useSettingsStore.getState().settings.theme).toBe('dark');
  });

  it('Cancel, and Esc, send nothing', async () => {
    const { fake, user, inDialog, onClose } = open();
    await user.click(inDialog.getByRole('checkbox', { name: 'Force Passive mode' }));
    await user.click(inDialog.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(fake.callsTo('settings:update')).toEqual([]);
  });

  it('shows what is wrong next to each field and sends nothing until it is fixed', async () => {
    const { fake, user, inDialog, onClose } = open();
    const timeout = inDialog.getByRole('textbox', { name: 'Timeout in seconds' });
    await user.clear(timeout);
    await user.type(timeout, '0');
    await user.click(
      inDialog.getByRole('checkbox', { name: 'Limit local ports used for active mode' }),
    );
    const low = inDialog.getByRole('textbox', { name: 'Lowest available port' });
    await user.clear(low);
    await user.type(low, '9000');
    const address = inDialog.getByRole('textbox', { name: 'External IP address' });
    await user.type(address, 'not an address');
    await user.click(inDialog.getByRole('button', { name: 'OK' }));

    expect(fake.callsTo('settings:update')).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
    expect(timeout.getAttribute('aria-invalid')).toBe('true');
    expect(inDialog.getByText('The timeout must be from 1 to 600.')).toBeTruthy();
    expect(inDialog.getByText('The highest port must not be below the lowest port.')).toBeTruthy();
    expect(inDialog.getByText(/Enter an IPv4 address/)).toBeTruthy();
    // The error is tied to its field for screen readers, and the first bad field has focus.
    const describedBy = timeout.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy.split(' ')[0] ?? '')?.textContent).toBe(
      'The timeout must be from 1 to 600.',
    );
    await waitFor(() => expect(document.activeElement).toBe(timeout));

    await user.clear(timeout);
    await user.type(timeout, '30');
    await user.clear(address);
    await user.clear(low);
    await user.type(low, '6000');
    expect(inDialog.queryByText('The timeout must be from 1 to 600.')).toBeNull();
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    expect(fake.callsTo('settings:update')).toEqual([
      { activePortRange: { min: 6000, max: 7000 }, timeoutSeconds: 30 },
    ]);
  });

  it('Enter in a field confirms', async () => {
    const { fake, user, inDialog } = open();
    const retries = inDialog.getByRole('textbox', { name: 'Maximum number of retries' });
    await user.clear(retries);
    await user.type(retries, '5{Enter}');
    expect(fake.callsTo('settings:update')).toEqual([{ retries: 5 }]);
  });

  it('keeps the dialog open and says why when main refuses the change', async () => {
    const { fake, user, inDialog, onClose } = open();
    fake.handle('settings:update', () => err('internal', 'The settings file is read-only'));
    await user.click(
      inDialog.getByRole('checkbox', { name: 'Show time stamps in the message log' }),
    );
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    expect((await inDialog.findByRole('alert')).textContent).toContain(
      'The settings file is read-only',
    );
    expect(onClose).not.toHaveBeenCalled();
  });

  it('keeps focus inside while open', async () => {
    const { user, dialog } = open();
    for (let i = 0; i < 40; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
  });
});
