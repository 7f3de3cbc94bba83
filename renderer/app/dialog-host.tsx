import { ConnectionDoctorHost } from '../features/connection-doctor/connection-doctor-dialog.js';
import { FileExistsDialogHost } from '../features/file-exists-dialog/file-exists-dialog.js';
import { SettingsDialog } from '../features/settings-dialog/settings-dialog.js';
import { SiteManagerDialog } from '../features/site-manager/site-manager-dialog.js';
import { TrustDialogHost } from '../features/trust-dialog/trust-dialog.js';
import { useUiStore } from '../stores/ui-store.js';
import { AboutDialog } from './about-dialog.js';

/**
 * The window's dialogs. The user's own (Settings, Site Manager) come first; questions from
 * main (a certificate, a file that exists) render after them, so they stack on top.
 */
export function DialogHost() {
  const dialog = useUiStore((s) => s.dialog);
  const close = useUiStore((s) => s.closeDialog);
  return (
    <>
      {dialog === 'settings' ? <SettingsDialog onClose={close} /> : null}
      {dialog === 'site-manager' ? <SiteManagerDialog onClose={close} /> : null}
      {dialog === 'about' ? <AboutDialog onClose={close} /> : null}
      <ConnectionDoctorHost />
      <TrustDialogHost />
      <FileExistsDialogHost />
    </>
  );
}
