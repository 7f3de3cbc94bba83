import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { SiteTree } from '../../../shared/models/site.js';
import { useBridge } from '../../app/bridge-context.js';
import { useConnection } from '../../app/use-connection.js';
import { plural } from '../../app/wire-bridge.js';
import { Field } from '../../components/field.js';
import { Icon } from '../../components/icons.js';
import { InertText } from '../../components/inert-text.js';
import { Modal } from '../../components/modal.js';
import { useSitesStore } from '../../stores/sites-store.js';
import { DeleteConfirm } from './delete-confirm.js';
import { useDoctorLaunchStore } from '../connection-doctor/doctor-launch-store.js';
import { PasswordPrompt } from './password-prompt.js';
import {
  blankSite,
  changes,
  duplicateSite,
  mergeImported,
  newId,
  removeNode,
  renameFolder,
  toDraft,
  toSiteInput,
  uniqueName,
  updateSite,
  validateSite,
  type Draft,
  type DraftSite,
  type SiteField,
} from './site-draft.js';
import { SiteForm, tabOf, type SiteTab } from './site-form.js';
import { ROOT_ID, SiteTree as SiteTreeView, visibleRows } from './site-tree.js';
import './site-manager.css';

export interface SiteManagerDialogProps {
  readonly onClose: () => void;
}

/**
 * FileZilla's Site Manager: folders and sites on the left, the selected one's fields on the
 * right. Everything is edited in a draft; OK and Connect save what changed, Cancel drops it.
 */
export function SiteManagerDialog({ onClose }: SiteManagerDialogProps) {
  const bridge = useBridge();
  const { connect } = useConnection();
  const [original, setOriginal] = useState<SiteTree | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [selectedId, setSelectedId] = useState<string>(ROOT_ID);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set([ROOT_ID]));
  const [tab, setTab] = useState<SiteTab>('general');
  const [validated, setValidated] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [askPassword, setAskPassword] = useState<DraftSite | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = async (): Promise<SiteTree | null> => {
    const result = await bridge.invoke['sites:list']({});
    if (!result.ok) {
      setProblem(`The saved sites could not be loaded: ${result.error.message}`);
      return null;
    }
    useSitesStore.getState().setTree(result.value);
    return result.value;
  };

  useEffect(() => {
    let live = true;
    void bridge.invoke['sites:list']({}).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setProblem(`The saved sites could not be loaded: ${result.error.message}`);
        return;
      }
      useSitesStore.getState().setTree(result.value);
      setOriginal(result.value);
      setDraft(toDraft(result.value));
      // Everything open, as FileZilla shows it.
      setExpanded(new Set([ROOT_ID, ...result.value.folders.map((f) => f.id)]));
      const first = result.value.sites[0];
      if (first !== undefined) setSelectedId(first.id);
    });
    return () => {
      live = false;
    };
  }, [bridge]);

  const site = draft?.sites.find((s) => s.id === selectedId);
  const folder = draft?.folders.find((f) => f.id === selectedId);
  const errors = validated && site !== undefined ? validateSite(site) : {};
  const rows = draft === null ? [] : visibleRows(draft, expanded);

  /** Where New site / New folder put things: the selected folder, or the selected site's. */
  const targetFolder = (): string | null =>
    folder !== undefined ? folder.id : site !== undefined ? site.parentId : null;

  const reveal = (parentId: string | null): void =>
    setExpanded((open) => new Set([...open, ROOT_ID, ...(parentId === null ? [] : [parentId])]));

  const addSite = (): void => {
    if (draft === null) return;
    const created = blankSite(draft, targetFolder());
    setDraft({ ...draft, sites: [...draft.sites, created] });
    reveal(created.parentId);
    setSelectedId(created.id);
    setTab('general');
  };

  const addFolder = (): void => {
    if (draft === null) return;
    const parentId = targetFolder();
    const created = { id: newId(), parentId, name: uniqueName(draft, parentId, 'New folder') };
    setDraft({ ...draft, folders: [...draft.folders, created] });
    reveal(parentId);
    setSelectedId(created.id);
  };

  const duplicate = (): void => {
    if (draft === null || site === undefined) return;
    const copy = duplicateSite(draft, site);
    setDraft({ ...draft, sites: [...draft.sites, copy] });
    setSelectedId(copy.id);
  };

  const remove = (id: string): void => {
    if (draft === null) return;
    const node = draft.sites.find((s) => s.id === id) ?? draft.folders.find((f) => f.id === id);
    setDraft(removeNode(draft, id));
    setSelectedId(node?.parentId ?? ROOT_ID);
    setConfirmDelete(null);
  };

  /** Saves what differs from what was loaded; false (with the reason shown) when it could not. */
  const commit = async (): Promise<boolean> => {
    if (draft === null || original === null) return false;
    setValidated(true);
    for (const candidate of draft.sites) {
      const found = Object.keys(validateSite(candidate)) as SiteField[];
      const first = found[0];
      if (first !== undefined) {
        reveal(candidate.parentId);
        setSelectedId(candidate.id);
        setTab(tabOf(first));
        setProblem(`“${candidate.name || 'A site'}” needs attention before it can be saved.`);
        return false;
      }
    }
    setBusy(true);
    setProblem(null);
    try {
      for (const change of changes(original, draft)) {
        const result =
          change.kind === 'save-folder'
            ? await bridge.invoke['sites:save-folder'](change.folder)
            : change.kind === 'save-site'
              ? await bridge.invoke['sites:save'](toSiteInput(change.site))
              : await bridge.invoke['sites:delete']({ id: change.id });
        if (!result.ok) {
          const name =
            change.kind === 'save-folder'
              ? change.folder.name
              : change.kind === 'save-site'
                ? change.site.name
                : change.name;
          setProblem(`Could not save “${name}”: ${result.error.message}`);
          // Part may have been saved: compare with what main holds now from here on.
          const fresh = await load();
          if (fresh !== null) setOriginal(fresh);
          return false;
        }
      }
      await load();
      return true;
    } finally {
      setBusy(false);
    }
  };

  const ok = async (): Promise<void> => {
    if (busy) return;
    if (await commit()) onClose();
  };

  /** What the password prompt of an "ask" site is for. */
  const askToDiagnose = useRef(false);
  /** Connect, or "Diagnose connection" (the Site Manager closes: Apply rewrites the site). */
  const connectTo = async (id: string, diagnose = false): Promise<void> => {
    const target = draft?.sites.find((s) => s.id === id);
    if (busy || target === undefined) return;
    if (!(await commit())) return;
    askToDiagnose.current = diagnose;
    if (target.logonType === 'ask') {
      setAskPassword(target);
      return;
    }
    onClose();
    if (diagnose) useDoctorLaunchStore.getState().open({ siteId: target.id });
    else void connect({ siteId: target.id });
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined || draft === null || original === null) return;
    setProblem(null);
    const xml = await file.text();
    const result = await bridge.invoke['sites:import-filezilla']({ xml });
    if (!result.ok) {
      setProblem(`The file could not be imported: ${result.error.message}`);
      return;
    }
    const fresh = await load();
    if (fresh === null) return;
    const merged = mergeImported(draft, original, fresh);
    setDraft(merged);
    setOriginal(fresh);
    setExpanded((open) => new Set([...open, ROOT_ID, ...fresh.folders.map((f) => f.id)]));
    setStatus(
      `Imported ${plural(result.value.sites, 'site')} and ${plural(result.value.folders, 'folder')}.`,
    );
  };

  return (
    <Modal
      title="Site Manager"
      size="large"
      className="site-manager"
      onCancel={onClose}
      onConfirm={() => void ok()}
      footer={
        <>
          <span className="sm-status" role="status">
            {status}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            disabled={busy || site === undefined}
            onClick={() => site !== undefined && void connectTo(site.id, true)}
          >
            Diagnose connection
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy || site === undefined}
            onClick={() => site !== undefined && void connectTo(site.id)}
          >
            Connect
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || draft === null}
            onClick={() => void ok()}
          >
            OK
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      {problem === null ? null : (
        <p role="alert" className="sm-problem">
          <Icon name="warning" className="sm-problem-icon" />
          <InertText text={problem} />
        </p>
      )}
      <div className="sm-layout">
        <div className="sm-left">
          {draft === null ? (
            <p className="sm-loading">Loading sites…</p>
          ) : (
            <SiteTreeView
              rows={rows}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onToggle={(id, open) =>
                setExpanded((current) => {
                  const next = new Set(current);
                  if (open) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
              onActivate={(id) => void connectTo(id)}
            />
          )}
          <div className="sm-tree-buttons">
            <button type="button" className="btn" disabled={draft === null} onClick={addSite}>
              New site
            </button>
            <button type="button" className="btn" disabled={draft === null} onClick={addFolder}>
              New folder
            </button>
            <button type="button" className="btn" disabled={site === undefined} onClick={duplicate}>
              Duplicate
            </button>
            <button
              type="button"
              className="btn"
              disabled={site === undefined && folder === undefined}
              onClick={() => setConfirmDelete(selectedId)}
            >
              Delete
            </button>
            <button
              type="button"
              className="btn sm-import"
              disabled={draft === null}
              onClick={() => fileRef.current?.click()}
            >
              <Icon name="import" />
              Import…
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".xml,application/xml,text/xml"
              className="visually-hidden"
              tabIndex={-1}
              aria-label="FileZilla sitemanager.xml to import"
              onChange={(event) => void importFile(event)}
            />
          </div>
        </div>
        <div className="sm-right">
          {site !== undefined && draft !== null ? (
            <SiteForm
              site={site}
              errors={errors}
              tab={tab}
              onTab={setTab}
              onChange={(changed) => setDraft(updateSite(draft, site.id, changed))}
            />
          ) : folder !== undefined && draft !== null ? (
            <div className="form-grid sm-folder">
              <Field
                label="Folder name"
                error={folder.name.trim() === '' ? 'Enter a name for the folder.' : undefined}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    className="input wide"
                    value={folder.name}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    onChange={(event) =>
                      setDraft(renameFolder(draft, folder.id, event.target.value))
                    }
                  />
                )}
              </Field>
            </div>
          ) : (
            <p className="sm-empty">
              Select a site to see its settings, or create one with <strong>New site</strong>. You
              can also import the sites you saved in FileZilla (its <code>sitemanager.xml</code>).
            </p>
          )}
        </div>
      </div>
      {confirmDelete === null || draft === null ? null : (
        <DeleteConfirm
          draft={draft}
          id={confirmDelete}
          onCancel={() => setConfirmDelete(null)}
          onConfirm={() => remove(confirmDelete)}
        />
      )}
      {askPassword === null ? null : (
        <PasswordPrompt
          user={askPassword.user}
          host={askPassword.host}
          onCancel={() => setAskPassword(null)}
          onSubmit={(password) => {
            setAskPassword(null);
            onClose();
            if (askToDiagnose.current)
              useDoctorLaunchStore.getState().open({ siteId: askPassword.id, password });
            else void connect({ siteId: askPassword.id, password });
          }}
        />
      )}
    </Modal>
  );
}
