import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/contract/errors.js';
import { useConnection } from '../../app/use-connection.js';
import { Icon } from '../../components/icons.js';
import { InertText } from '../../components/inert-text.js';
import { MenuButton, type MenuItem } from '../../components/menu-button.js';
import { useSessionStore } from '../../stores/session-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import {
  clearHistory,
  describeEntry,
  loadHistory,
  rememberConnection,
  type HistoryEntry,
} from './quickconnect-history.js';
import { useDoctorLaunchStore } from '../connection-doctor/doctor-launch-store.js';
import { LinkConfirmation } from './link-confirmation.js';
import { fieldsForLink } from './link-fields.js';
import { useLinkOfferStore } from './link-offer-store.js';
import { parseHostField, quickTarget, type QuickFields } from './quick-target.js';
import './quickconnect.css';

const EMPTY: QuickFields = { host: '', user: '', password: '', port: '' };

/**
 * FileZilla's quickconnect bar: Host (or a whole ftp:// / ftps:// URL), Username,
 * Password, Port; Enter in any field connects. Why a connection failed is said right
 * below the bar, in words, while the rest of the window keeps working.
 */
export function QuickconnectBar() {
  const { connect } = useConnection();
  const connectError = useSessionStore((s) => s.connectError);
  // An ftp:// link opened with the app (wire-bridge.ts puts it in the store) fills the
  // fields and waits here for a yes or no.
  const linkOffer = useLinkOfferStore((s) => s.offer);
  const [fields, setFields] = useState<QuickFields>(() =>
    linkOffer === null ? EMPTY : fieldsForLink(linkOffer).fields,
  );
  /** A folder from a URL typed in Host (or a link); forgotten when Host changes. */
  const [urlPath, setUrlPath] = useState<string | undefined>(() =>
    linkOffer === null ? undefined : fieldsForLink(linkOffer).path,
  );
  const [inputError, setInputError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>(loadHistory);
  const passwordRef = useRef<HTMLInputElement>(null);
  const hostRef = useRef<HTMLInputElement>(null);
  const ids = useId();

  const set = (name: keyof QuickFields, value: string): void =>
    setFields((current) => ({ ...current, [name]: value }));

  /**
   * Takes a URL in Host apart into the fields (what the URL names wins) and the folder it
   * points at; anything else is left as it is.
   */
  const expandUrl = (current: QuickFields): { fields: QuickFields; path: string | undefined } => {
    if (!current.host.includes('://')) return { fields: current, path: urlPath };
    const parts = parseHostField(current.host);
    if (!parts.ok) return { fields: current, path: urlPath };
    const { hostField, user, password, port, remotePath } = parts.value;
    return {
      fields: {
        host: hostField,
        user: user ?? current.user,
        password: password ?? current.password,
        port: port === undefined ? current.port : String(port),
      },
      // Host keeps `ftps://` after a URL was taken apart (or a link filled it): a folder
      // found then is kept until Host changes (onChange forgets it).
      path: remotePath ?? urlPath,
    };
  };

  const showExpanded = (): { fields: QuickFields; path: string | undefined } => {
    const expanded = expandUrl(fields);
    setFields(expanded.fields);
    setUrlPath(expanded.path);
    return expanded;
  };

  /** What the fields name, or null after saying what is wrong (focus back on Host). */
  const checkedTarget = () => {
    const expanded = showExpanded();
    const target = quickTarget(expanded.fields);
    if (!target.ok) {
      setInputError(target.error);
      hostRef.current?.focus();
      return null;
    }
    setInputError(null);
    return { expanded, target };
  };

  const submit = async (): Promise<void> => {
    const checked = checkedTarget();
    if (checked === null) return;
    const { expanded, target } = checked;
    const quick =
      expanded.path === undefined ? target.value : { ...target.value, remotePath: expanded.path };
    setHistory(
      rememberConnection({
        host: quick.host,
        port: quick.port ?? null,
        user: quick.user ?? '',
        secure: quick.encryption === 'implicit',
      }),
    );
    await connect({ quick });
  };

  // Reconnect after Disconnect resubmits what the bar holds (the password is only here).
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  useEffect(
    () =>
      useUiStore.subscribe((state, previous) => {
        if (state.quickconnectRequest !== previous.quickconnectRequest) void submitRef.current();
      }),
    [],
  );
  useEffect(
    () =>
      useLinkOfferStore.subscribe((state, previous) => {
        if (state.seq === previous.seq || state.offer === null) return;
        const filled = fieldsForLink(state.offer);
        setFields(filled.fields);
        setUrlPath(filled.path);
        setInputError(null);
      }),
    [],
  );
  const answerLink = (connectNow: boolean): void => {
    useLinkOfferStore.getState().settle();
    if (connectNow) void submit();
    else hostRef.current?.focus();
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void submit();
  };

  const pick = (entry: HistoryEntry): void => {
    const host = entry.host.includes(':') ? `[${entry.host}]` : entry.host;
    setFields({
      host: entry.secure ? `ftps://${host}` : host,
      user: entry.user,
      password: '',
      port: entry.port === null ? '' : String(entry.port),
    });
    setUrlPath(undefined);
    // The password is never remembered: ask for it where it goes.
    (entry.user === '' ? hostRef : passwordRef).current?.focus();
  };

  /** "Diagnose connection" for what the bar holds (or the saved site that just failed). */
  const diagnose = (): void => {
    const failedSite = useSessionStore.getState().session?.siteId ?? null;
    if (connectError !== null && failedSite !== null) {
      useDoctorLaunchStore.getState().open({ siteId: failedSite });
      return;
    }
    const checked = checkedTarget();
    if (checked !== null) useDoctorLaunchStore.getState().open({ quick: checked.target.value });
  };
  const diagnoseItems: MenuItem[] = [
    { kind: 'separator' },
    { kind: 'item', label: 'Diagnose connection…', onSelect: diagnose },
  ];

  const historyItems: MenuItem[] =
    history.length === 0
      ? [
          {
            kind: 'item',
            label: 'No recent connections',
            disabled: true,
            onSelect: () => undefined,
          },
        ]
      : [
          ...history.map((entry): MenuItem => ({
            kind: 'item',
            label: describeEntry(entry),
            onSelect: () => pick(entry),
          })),
          { kind: 'separator' },
          {
            kind: 'item',
            label: 'Clear history',
            onSelect: () => {
              clearHistory();
              setHistory([]);
            },
          },
        ];

  const dismiss = (): void => {
    setInputError(null);
    useSessionStore.getState().setConnectError(null);
  };

  return (
    <div className="quickconnect-area">
      <form className="quickconnect" aria-label="Quickconnect" onSubmit={onSubmit} noValidate>
        <label htmlFor={`${ids}-host`}>Host</label>
        <input
          ref={hostRef}
          id={`${ids}-host`}
          className="input qc-host"
          value={fields.host}
          placeholder="ftp://user@host:port/path"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={inputError !== null && fields.host.trim() === '' ? true : undefined}
          onChange={(event) => {
            set('host', event.target.value);
            setUrlPath(undefined);
          }}
          onBlur={showExpanded}
        />
        <label htmlFor={`${ids}-user`}>Username</label>
        <input
          id={`${ids}-user`}
          className="input qc-user"
          value={fields.user}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => set('user', event.target.value)}
        />
        <label htmlFor={`${ids}-password`}>Password</label>
        <input
          ref={passwordRef}
          id={`${ids}-password`}
          className="input qc-password"
          type="password"
          value={fields.password}
          autoComplete="off"
          onChange={(event) => set('password', event.target.value)}
        />
        <label htmlFor={`${ids}-port`}>Port</label>
        <input
          id={`${ids}-port`}
          className="input qc-port numeric"
          value={fields.port}
          inputMode="numeric"
          maxLength={5}
          autoComplete="off"
          onChange={(event) => set('port', event.target.value)}
        />
        <div className="qc-actions">
          <button type="submit" className="btn btn-primary qc-connect">
            Quickconnect
          </button>
          <MenuButton
            label="Recent connections"
            title="Recent connections"
            buttonClassName="btn qc-history"
            items={[...historyItems, ...diagnoseItems]}
            align="end"
          >
            <Icon name="chevronDown" />
          </MenuButton>
        </div>
      </form>
      {linkOffer === null ? null : (
        <LinkConfirmation
          request={linkOffer}
          onConnect={() => answerLink(true)}
          onCancel={() => answerLink(false)}
        />
      )}
      <ConnectAlert
        inputError={inputError}
        connectError={connectError}
        onDismiss={dismiss}
        onDiagnose={diagnose}
      />
    </div>
  );
}

const HEADLINES: Partial<Record<AppError['code'], string>> = {
  auth: 'Wrong user name or password.',
  network: 'Could not reach the server.',
  timeout: 'The server did not answer in time.',
  tls: 'The secure connection could not be set up.',
  'refused-by-server': 'The server refused the connection.',
  cancelled: 'Connecting was cancelled.',
};

function ConnectAlert({
  inputError,
  connectError,
  onDismiss,
  onDiagnose,
}: {
  inputError: string | null;
  connectError: AppError | null;
  onDismiss: () => void;
  onDiagnose: () => void;
}) {
  if (inputError === null && connectError === null) return null;
  const headline =
    inputError ?? HEADLINES[connectError?.code ?? 'internal'] ?? 'Could not connect.';
  return (
    <div role="alert" className="qc-alert">
      <Icon name="warning" className="qc-alert-icon" />
      <p className="qc-alert-text">
        <strong>{headline}</strong>{' '}
        {inputError === null && connectError !== null ? (
          <InertText text={connectError.message} />
        ) : null}
      </p>
      {inputError === null && connectError !== null && connectError.code !== 'cancelled' ? (
        <button type="button" className="btn" onClick={onDiagnose}>
          Diagnose connection
        </button>
      ) : null}
      <button
        type="button"
        className="icon-btn icon-btn-small"
        aria-label="Dismiss"
        onClick={onDismiss}
      >
        <Icon name="close" />
      </button>
    </div>
  );
}
