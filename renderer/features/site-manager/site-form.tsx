import { useId, type KeyboardEvent } from 'react';
import type { Encryption, LogonType, TransferMode } from '../../../shared/models/site.js';
import {
  ENCRYPTION_LABELS,
  LOGON_LABELS,
  TRANSFER_MODE_LABELS,
} from '../../../shared/models/site-labels.js';
import { Field } from '../../components/field.js';
import type { DraftSite, SiteErrors, SiteField } from './site-draft.js';

export type SiteTab = 'general' | 'advanced' | 'transfer';

const TABS: readonly { readonly id: SiteTab; readonly label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'advanced', label: 'Advanced' },
  { id: 'transfer', label: 'Transfer Settings' },
];

/** Which tab shows a field, so a save refused for it can open that tab. */
export function tabOf(field: SiteField): SiteTab {
  if (field === 'localFolder' || field === 'remoteFolder') return 'advanced';
  if (field === 'transferMode' || field === 'maxConnections') return 'transfer';
  return 'general';
}

export interface SiteFormProps {
  readonly site: DraftSite;
  readonly errors: SiteErrors;
  readonly tab: SiteTab;
  readonly onTab: (tab: SiteTab) => void;
  readonly onChange: (changes: Partial<DraftSite>) => void;
}

/** The selected site's fields, on FileZilla's tabs: General, Advanced, Transfer Settings. */
export function SiteForm({ site, errors, tab, onTab, onChange }: SiteFormProps) {
  const ids = useId();
  const tabId = (t: SiteTab): string => `${ids}-tab-${t}`;
  const panelId = (t: SiteTab): string => `${ids}-panel-${t}`;

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (next === undefined) return;
    onTab(next.id);
    document.getElementById(tabId(next.id))?.focus();
  };

  const text = (
    field: SiteField,
    label: string,
    extra: {
      className?: string;
      disabled?: boolean;
      type?: string;
      placeholder?: string;
      hint?: string;
    } = {},
  ) => (
    <Field label={label} error={errors[field]} hint={extra.hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={`input ${extra.className ?? 'wide'}`}
          type={extra.type ?? 'text'}
          value={String(site[field] ?? '')}
          disabled={extra.disabled}
          placeholder={extra.placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => onChange({ [field]: event.target.value })}
        />
      )}
    </Field>
  );

  const passwordSaved = site.hasPassword && site.password === undefined;
  const normal = site.logonType === 'normal';

  return (
    <div className="site-form">
      <div role="tablist" aria-label="Site settings" className="tabs" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={panelId(t.id)}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div
        role="tabpanel"
        id={panelId('general')}
        aria-labelledby={tabId('general')}
        hidden={tab !== 'general'}
        className="tab-panel"
      >
        <div className="form-grid">
          {text('name', 'Name')}
          {text('host', 'Host', { placeholder: 'ftp.example.com' })}
          {text('port', 'Port', {
            className: 'narrow numeric',
            placeholder: site.encryption === 'implicit' ? '990' : '21',
          })}
          <Field label="Encryption">
            {({ id }) => (
              <select
                id={id}
                className="select wide"
                value={site.encryption}
                onChange={(event) => onChange({ encryption: event.target.value as Encryption })}
              >
                {(Object.keys(ENCRYPTION_LABELS) as Encryption[]).map((value) => (
                  <option key={value} value={value}>
                    {ENCRYPTION_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Logon Type">
            {({ id }) => (
              <select
                id={id}
                className="select wide"
                value={site.logonType}
                onChange={(event) => onChange({ logonType: event.target.value as LogonType })}
              >
                {(Object.keys(LOGON_LABELS) as LogonType[]).map((value) => (
                  <option key={value} value={value}>
                    {LOGON_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('user', 'User', { disabled: site.logonType === 'anonymous' })}
          <Field
            label="Password"
            error={errors.password}
            hint={
              site.logonType === 'ask'
                ? 'Asked for each time you connect; never saved.'
                : site.logonType === 'anonymous'
                  ? undefined
                  : passwordSaved
                    ? 'A password is saved (encrypted). Type a new one to replace it.'
                    : undefined
            }
          >
            {({ id, describedBy, invalid }) => (
              <div className="site-password">
                <input
                  id={id}
                  className="input wide"
                  type="password"
                  value={typeof site.password === 'string' ? site.password : ''}
                  placeholder={normal && passwordSaved ? 'saved' : ''}
                  disabled={!normal}
                  autoComplete="new-password"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(event) => onChange({ password: event.target.value })}
                />
                {normal && passwordSaved ? (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => onChange({ password: null, hasPassword: false })}
                  >
                    Forget
                  </button>
                ) : null}
              </div>
            )}
          </Field>
          <Field label="Comments" error={errors.comments}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                className="textarea wide"
                rows={4}
                value={site.comments}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(event) => onChange({ comments: event.target.value })}
              />
            )}
          </Field>
        </div>
      </div>

      <div
        role="tabpanel"
        id={panelId('advanced')}
        aria-labelledby={tabId('advanced')}
        hidden={tab !== 'advanced'}
        className="tab-panel"
      >
        <div className="form-grid">
          {text('localFolder', 'Default local directory', {
            hint: 'Opened in the local pane when you connect.',
          })}
          {text('remoteFolder', 'Default remote directory', {
            hint: 'Opened on the server after logging in.',
          })}
        </div>
      </div>

      <div
        role="tabpanel"
        id={panelId('transfer')}
        aria-labelledby={tabId('transfer')}
        hidden={tab !== 'transfer'}
        className="tab-panel"
      >
        <fieldset className="site-transfer-mode">
          <legend>Transfer mode</legend>
          {(Object.keys(TRANSFER_MODE_LABELS) as TransferMode[]).map((mode) => (
            <label key={mode} className="check">
              <input
                type="radio"
                name={`${ids}-mode`}
                value={mode}
                checked={site.transferMode === mode}
                onChange={() => onChange({ transferMode: mode })}
              />
              <span>{TRANSFER_MODE_LABELS[mode]}</span>
            </label>
          ))}
          <p className="field-hint">Default follows Settings → FTP → Force Passive mode.</p>
        </fieldset>
        <div className="form-grid">
          {text('maxConnections', 'Maximum number of connections', {
            className: 'narrow numeric',
            hint: '0 means no limit (up to the simultaneous transfers setting).',
          })}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={site.listingCommand !== 'list'}
            onChange={(event) =>
              onChange({ listingCommand: event.target.checked ? 'auto' : 'list' })
            }
          />
          <span>List folders with MLSD when the server offers it (else LIST)</span>
        </label>
      </div>
    </div>
  );
}
