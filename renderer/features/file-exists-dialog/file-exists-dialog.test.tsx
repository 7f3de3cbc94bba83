import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileExistsQuestion } from '../../../shared/models/transfer.js';
import { wireBridge } from '../../app/wire-bridge.js';
import { formatDateTime } from '../../text/format.js';
import { createFakeBridge } from '../../test-support/fake-bridge.js';
import { renderWithBridge } from '../../test-support/render.js';
import { FileExistsDialogHost } from './file-exists-dialog.js';

const SOURCE_TIME = new Date(2026, 2, 14, 9, 30, 0).getTime();
const EXISTING_TIME = new Date(2025, 11, 1, 18, 5, 7).getTime();

const question: FileExistsQuestion = {
  requestId: 'x1',
  itemId: 'item1',
  direction: 'download',
  target: '/home/alice/report.pdf',
  source: { size: 1_162_000, modified: SOURCE_TIME },
  existing: { size: 1024, modified: EXISTING_TIME },
};

let unwire: (() => void) | undefined;
afterEach(() => unwire?.());

function setup() {
  const fake = createFakeBridge();
  fake.handle('transfer:resolve-exists', () => ({ ok: true, value: null }));
  const rendered = renderWithBridge(<FileExistsDialogHost />, fake);
  unwire = wireBridge(fake.bridge);
  act(() => fake.emit('transfer:exists', question));
  const dialog = screen.getByRole('dialog', { name: 'Target file already exists' });
  return { ...rendered, dialog, inDialog: within(dialog) };
}

describe('FileExistsDialog', () => {
  it('shows both files’ size and date and the six actions', () => {
    const { inDialog } = setup();
    expect(inDialog.getByText('/home/alice/report.pdf')).toBeTruthy();
    expect(
      inDialog.getByText(`1,162,000 bytes, modified ${formatDateTime(SOURCE_TIME)}`),
    ).toBeTruthy();
    expect(
      inDialog.getByText(`1,024 bytes, modified ${formatDateTime(EXISTING_TIME)}`),
    ).toBeTruthy();
    const actions = inDialog
      .getAllByRole('radio')
      .slice(0, 6)
      .map((radio) => radio.closest('label')?.textContent);
    expect(actions).toEqual([
      'Overwrite',
      'Overwrite if source newer',
      'Overwrite if different size',
      'Resume',
      'Rename',
      'Skip',
    ]);
  });

  it('answers with the chosen action once', async () => {
    const { fake, user, inDialog } = setup();
    const resume = inDialog.getByRole('radio', { name: 'Resume' });
    expect(
      document.getElementById(resume.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('Continues where the existing file ends.');
    await user.click(resume);
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    expect(fake.callsTo('transfer:resolve-exists')).toEqual([
      { requestId: 'x1', action: 'resume', remember: 'no' },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('remembers the action for this queue, or always', async () => {
    const { fake, user, inDialog } = setup();
    const queueOnly = inDialog.getByRole('radio', { name: 'for this queue only' });
    expect(queueOnly).toHaveProperty('disabled', false);
    expect(queueOnly.closest('fieldset')?.disabled).toBe(true);
    await user.click(inDialog.getByRole('radio', { name: 'Skip' }));
    await user.click(inDialog.getByRole('checkbox', { name: 'Always use this action' }));
    await user.click(inDialog.getByRole('radio', { name: 'always' }));
    await user.click(inDialog.getByRole('button', { name: 'OK' }));
    expect(fake.callsTo('transfer:resolve-exists')).toEqual([
      { requestId: 'x1', action: 'skip', remember: 'always' },
    ]);
  });

  it('Cancel and Esc skip this file only', async () => {
    const { fake, user } = setup();
    await user.keyboard('{Escape}');
    expect(fake.callsTo('transfer:resolve-exists')).toEqual([
      { requestId: 'x1', action: 'skip', remember: 'no' },
    ]);
  });
});
