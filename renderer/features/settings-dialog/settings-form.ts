import {
  fileExistsActions,
  type FileExistsAction,
  type Settings,
  type SettingsPatch,
} from '../../../shared/models/settings.js';

/** The dialog's fields as typed: numbers stay text until OK, so a half-typed value can be shown. */
export interface SettingsForm {
  readonly timeoutSeconds: string;
  readonly retries: string;
  readonly keepAlive: boolean;
  readonly forcePassive: boolean;
  readonly fallbackToOtherMode: boolean;
  readonly activeExternalAddress: string;
  readonly limitPorts: boolean;
  readonly portMin: string;
  readonly portMax: string;
  readonly simultaneousTransfers: string;
  readonly fileExistsAction: FileExistsAction;
  readonly preserveTimestamps: boolean;
  readonly verifySize: boolean;
  readonly notifyWhenQueueDone: boolean;
  readonly theme: Settings['theme'];
  readonly logTimestamps: boolean;
}

export type FormErrors = Partial<Record<keyof SettingsForm, string>>;

/** FileZilla's suggestion when the port range is first turned on. */
const DEFAULT_RANGE = { min: 6000, max: 7000 } as const;

export const FILE_EXISTS_LABELS: Readonly<Record<FileExistsAction, string>> = {
  ask: 'Ask each time',
  overwrite: 'Overwrite',
  'overwrite-if-newer': 'Overwrite if source is newer',
  'overwrite-if-size-differs': 'Overwrite if size differs',
  resume: 'Resume',
  rename: 'Rename (keep both)',
  skip: 'Skip',
};

export const FILE_EXISTS_CHOICES: readonly FileExistsAction[] = fileExistsActions;

export function toForm(settings: Settings): SettingsForm {
  const range = settings.activePortRange;
  return {
    timeoutSeconds: String(settings.timeoutSeconds),
    retries: String(settings.retries),
    keepAlive: settings.keepAlive,
    forcePassive: settings.forcePassive,
    fallbackToOtherMode: settings.fallbackToOtherMode,
    activeExternalAddress: settings.activeExternalAddress ?? '',
    limitPorts: range !== null,
    portMin: String(range?.min ?? DEFAULT_RANGE.min),
    portMax: String(range?.max ?? DEFAULT_RANGE.max),
    simultaneousTransfers: String(settings.simultaneousTransfers),
    fileExistsAction: settings.fileExistsAction,
    preserveTimestamps: settings.preserveTimestamps,
    verifySize: settings.verifySize,
    notifyWhenQueueDone: settings.notifyWhenQueueDone,
    theme: settings.theme,
    logTimestamps: settings.logTimestamps,
  };
}

function integer(text: string, min: number, max: number, what: string): number | string {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return `${what} must be a whole number from ${min} to ${max}.`;
  const value = Number(trimmed);
  if (value < min || value > max) return `${what} must be from ${min} to ${max}.`;
  return value;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i;

/** The settings the form describes, or an error per field, worded for the person typing. */
export function fromForm(
  form: SettingsForm,
  base: Settings,
): { ok: true; settings: Settings } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const take = (field: keyof SettingsForm, value: number | string): number => {
    if (typeof value === 'string') {
      errors[field] = value;
      return 0;
    }
    return value;
  };
  const timeoutSeconds = take(
    'timeoutSeconds',
    integer(form.timeoutSeconds, 1, 600, 'The timeout'),
  );
  const retries = take('retries', integer(form.retries, 0, 10, 'Retries'));
  const simultaneousTransfers = take(
    'simultaneousTransfers',
    integer(form.simultaneousTransfers, 1, 10, 'Simultaneous transfers'),
  );
  const address = form.activeExternalAddress.trim();
  if (address !== '' && !IPV4.test(address) && !IPV6.test(address)) {
    errors.activeExternalAddress =
      'Enter an IPv4 address such as 203.0.113.7 (or an IPv6 address), or leave it empty.';
  }
  let activePortRange: Settings['activePortRange'] = null;
  if (form.limitPorts) {
    const min = take('portMin', integer(form.portMin, 1024, 65535, 'The lowest port'));
    const max = take('portMax', integer(form.portMax, 1024, 65535, 'The highest port'));
    if (errors.portMin === undefined && errors.portMax === undefined && min > max) {
      errors.portMax = 'The highest port must not be below the lowest port.';
    }
    activePortRange = { min, max };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      ...base,
      timeoutSeconds,
      retries,
      keepAlive: form.keepAlive,
      forcePassive: form.forcePassive,
      fallbackToOtherMode: form.fallbackToOtherMode,
      activeExternalAddress: address === '' ? null : address,
      activePortRange,
      simultaneousTransfers,
      fileExistsAction: form.fileExistsAction,
      preserveTimestamps: form.preserveTimestamps,
      verifySize: form.verifySize,
      notifyWhenQueueDone: form.notifyWhenQueueDone,
      theme: form.theme,
      logTimestamps: form.logTimestamps,
    },
  };
}

/** Only what changed: an untouched setting is not rewritten (another window may be changing it). */
export function settingsPatch(before: Settings, after: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Settings)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as SettingsPatch;
}
