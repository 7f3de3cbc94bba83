import { useRef, useState } from 'react';
import type { Settings } from '../../../shared/models/settings.js';
import { useBridge } from '../../app/bridge-context.js';
import { Check, Field } from '../../components/field.js';
import { Modal } from '../../components/modal.js';
import { useSettingsStore } from '../../stores/settings-store.js';
import {
  FILE_EXISTS_CHOICES,
  FILE_EXISTS_LABELS,
  fromForm,
  settingsPatch,
  toForm,
  type FormErrors,
  type SettingsForm,
} from './settings-form.js';
import './settings-dialog.css';

export interface SettingsDialogProps {
  readonly onClose: () => void;
}

/**
 * Settings, FileZilla's pages on one sheet: Connection, FTP (transfer mode, active mode),
 * Transfers, Interface. OK sends only what changed; Cancel sends nothing.
 */
export function SettingsDialog({ onClose }: SettingsDialogProps) {
  const bridge = useBridge();
  const [initial] = useState<Settings>(() => useSettingsStore.getState().settings);
  const [form, setForm] = useState<SettingsForm>(() => toForm(initial));
  const [errors, setErrors] = useState<FormErrors>({});
  const [checked, setChecked] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);

  const update = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]): void => {
    const next = { ...form, [key]: value };
    setForm(next);
    // After a first OK, errors follow the typing; before, nobody is told off mid-word.
    if (checked) {
      const outcome = fromForm(next, initial);
      setErrors(outcome.ok ? {} : outcome.errors);
    }
  };

  const confirm = async (): Promise<void> => {
    if (saving) return;
    setChecked(true);
    const outcome = fromForm(form, initial);
    if (!outcome.ok) {
      setErrors(outcome.errors);
      // Focus the first field that needs fixing, so the keyboard user lands on it.
      queueMicrotask(() =>
        bodyRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    const patch = settingsPatch(initial, outcome.settings);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    const result = await bridge.invoke['settings:update'](patch);
    setSaving(false);
    if (!result.ok) {
      setSaveError(`The settings were not saved: ${result.error.message}`);
      return;
    }
    useSettingsStore.getState().setSettings(result.value);
    onClose();
  };

  const text = (
    key: keyof SettingsForm,
    label: string,
    options: { hint?: string; className?: string; disabled?: boolean } = {},
  ) => (
    <Field label={label} error={errors[key]} hint={options.hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={`input ${options.className ?? ''}`}
          value={String(form[key])}
          disabled={options.disabled}
          inputMode={options.className === 'numeric-field' ? 'numeric' : undefined}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => update(key, event.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <Modal
      title="Settings"
      size="large"
      className="settings-dialog"
      onCancel={onClose}
      onConfirm={() => void confirm()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={saving}
            onClick={() => void confirm()}
          >
            OK
          </button>
        </>
      }
    >
      <div ref={bodyRef} className="settings-sections">
        {saveError === null ? null : (
          <p role="alert" className="settings-save-error">
            {saveError}
          </p>
        )}
        <fieldset className="settings-section">
          <legend>Connection</legend>
          <div className="form-grid">
            {text('timeoutSeconds', 'Timeout in seconds', {
              className: 'numeric-field',
              hint: '1 to 600. How long to wait for the server before giving up.',
            })}
            {text('retries', 'Maximum number of retries', {
              className: 'numeric-field',
              hint: '0 to 10, for connections and failed transfers.',
            })}
            <Check
              label="Send FTP keep-alive commands"
              checked={form.keepAlive}
              onChange={(value) => update('keepAlive', value)}
              hint="A proper server does not need this."
            />
          </div>
        </fieldset>

        <fieldset className="settings-section">
          <legend>FTP</legend>
          <div className="form-grid">
            <Check
              label="Force Passive mode"
              checked={form.forcePassive}
              onChange={(value) => update('forcePassive', value)}
              hint="Recommended. Off means active mode: the server connects back to this computer."
            />
            <Check
              label="Fall back to the other mode on failure"
              checked={form.fallbackToOtherMode}
              onChange={(value) => update('fallbackToOtherMode', value)}
            />
            <h3 className="settings-subhead">Active mode</h3>
            {text('activeExternalAddress', 'External IP address', {
              hint: 'Leave empty to use this computer’s own address. Set it behind a router (NAT).',
            })}
            <Check
              label="Limit local ports used for active mode"
              checked={form.limitPorts}
              onChange={(value) => update('limitPorts', value)}
            />
            {text('portMin', 'Lowest available port', {
              className: 'numeric-field',
              disabled: !form.limitPorts,
            })}
            {text('portMax', 'Highest available port', {
              className: 'numeric-field',
              disabled: !form.limitPorts,
            })}
          </div>
        </fieldset>

        <fieldset className="settings-section">
          <legend>Transfers</legend>
          <div className="form-grid">
            {text('simultaneousTransfers', 'Maximum simultaneous transfers', {
              className: 'numeric-field',
              hint: '1 to 10.',
            })}
            <Field label="When the target file exists">
              {({ id }) => (
                <select
                  id={id}
                  className="select"
                  value={form.fileExistsAction}
                  onChange={(event) =>
                    update(
                      'fileExistsAction',
                      event.target.value as SettingsForm['fileExistsAction'],
                    )
                  }
                >
                  {FILE_EXISTS_CHOICES.map((action) => (
                    <option key={action} value={action}>
                      {FILE_EXISTS_LABELS[action]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Check
              label="Preserve timestamps of transferred files"
              checked={form.preserveTimestamps}
              onChange={(value) => update('preserveTimestamps', value)}
            />
            <Check
              label="Verify the file size after each transfer"
              checked={form.verifySize}
              onChange={(value) => update('verifySize', value)}
            />
            <Check
              label="Notify me when the queue has finished"
              checked={form.notifyWhenQueueDone}
              onChange={(value) => update('notifyWhenQueueDone', value)}
            />
          </div>
        </fieldset>

        <fieldset className="settings-section">
          <legend>Interface</legend>
          <div className="form-grid">
            <Field label="Theme">
              {({ id }) => (
                <select
                  id={id}
                  className="select"
                  value={form.theme}
                  onChange={(event) => update('theme', event.target.value as SettingsForm['theme'])}
                >
                  <option value="system">Same as the system</option>
                  <option value="light">Light</option>
                  <option value="dark">Dark</option>
                </select>
              )}
            </Field>
            <Check
              label="Show time stamps in the message log"
              checked={form.logTimestamps}
              onChange={(value) => update('logTimestamps', value)}
            />
          </div>
        </fieldset>
      </div>
    </Modal>
  );
}
