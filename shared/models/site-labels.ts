import type { Encryption, LogonType, TransferMode } from './site.js';

// The words a person sees for a site's settings, in FileZilla's wording and order. One
// table for the Site Manager, the doctor's report and the report text it copies, so a
// setting reads the same everywhere it is named.

export const ENCRYPTION_LABELS: Readonly<Record<Encryption, string>> = {
  'explicit-if-available': 'Use explicit FTP over TLS if available',
  explicit: 'Require explicit FTP over TLS',
  implicit: 'Require implicit FTP over TLS',
  none: 'Only use plain FTP (insecure)',
};

export const LOGON_LABELS: Readonly<Record<LogonType, string>> = {
  anonymous: 'Anonymous',
  normal: 'Normal',
  ask: 'Ask for password',
};

export const TRANSFER_MODE_LABELS: Readonly<Record<TransferMode, string>> = {
  default: 'Default',
  active: 'Active',
  passive: 'Passive',
};
