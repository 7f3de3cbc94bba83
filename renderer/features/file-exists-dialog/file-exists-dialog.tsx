import { useId, useState } from 'react';
import type { FileExistsAnswer, FileExistsQuestion } from '../../../shared/models/transfer.js';
import { useBridge } from '../../app/bridge-context.js';
import { InertText } from '../../components/inert-text.js';
import { Modal } from '../../components/modal.js';
import { useNoticesStore } from '../../stores/notices-store.js';
import { usePromptsStore } from '../../stores/prompts-store.js';
import { formatBytes, formatDateTime } from '../../text/format.js';
import './file-exists-dialog.css';

type Action = FileExistsAnswer['action'];

const ACTIONS: readonly { readonly value: Action; readonly label: string }[] = [
  { value: 'overwrite', label: 'Overwrite' },
  { value: 'overwrite-if-newer', label: 'Overwrite if source newer' },
  { value: 'overwrite-if-size-differs', label: 'Overwrite if different size' },
  { value: 'resume', label: 'Resume' },
  { value: 'rename', label: 'Rename' },
  { value: 'skip', label: 'Skip' },
];

const HINTS: Partial<Record<Action, string>> = {
  resume: 'Continues where the existing file ends.',
  rename: 'Keeps both: the new file gets a numbered name.',
};

/** Shows the oldest "target file exists" question, if any. */
export function FileExistsDialogHost() {
  const question = usePromptsStore((s) => s.exists[0]);
  return question === undefined ? null : (
    <FileExistsDialog key={question.requestId} question={question} />
  );
}

/**
 * FileZilla's "Target file already exists": both files' size and date, the six actions,
 * and "Always use this action" for the rest of this queue or from now on.
 */
export function FileExistsDialog({ question }: { question: FileExistsQuestion }) {
  const bridge = useBridge();
  const ids = useId();
  const [action, setAction] = useState<Action>('overwrite');
  const [always, setAlways] = useState(false);
  const [scope, setScope] = useState<'queue' | 'always'>('queue');
  const [busy, setBusy] = useState(false);
  const download = question.direction === 'download';

  const answer = async (chosen: Action, remember: FileExistsAnswer['remember']): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const result = await bridge.invoke['transfer:resolve-exists']({
      requestId: question.requestId,
      action: chosen,
      remember,
    });
    usePromptsStore.getState().resolveExists(question.requestId);
    if (!result.ok) {
      useNoticesStore
        .getState()
        .push('warning', `The answer was not taken: ${result.error.message}`);
    }
  };

  const confirm = (): void => void answer(action, always ? scope : 'no');
  // The contract has no "cancel the transfer" answer: Cancel skips this file, once.
  const cancel = (): void => void answer('skip', 'no');

  return (
    <Modal
      title="Target file already exists"
      size="medium"
      onCancel={cancel}
      onConfirm={confirm}
      footer={
        <>
          <button type="button" className="btn" disabled={busy} onClick={cancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={confirm}>
            OK
          </button>
        </>
      }
    >
      <p className="exists-target">
        {download ? 'The local file' : 'The remote file'}{' '}
        <strong>
          <InertText text={question.target} />
        </strong>{' '}
        already exists.
      </p>
      <dl className="exists-compare">
        <dt>{download ? 'Source (server)' : 'Source (this computer)'}</dt>
        <dd>
          <FileFacts size={question.source.size} modified={question.source.modified} />
        </dd>
        <dt>{download ? 'Existing (this computer)' : 'Existing (server)'}</dt>
        <dd>
          <FileFacts size={question.existing.size} modified={question.existing.modified} />
        </dd>
      </dl>
      <fieldset className="exists-actions">
        <legend>Action</legend>
        {ACTIONS.map((choice) => {
          const hint = HINTS[choice.value];
          const hintId = `${ids}-${choice.value}-hint`;
          // The name is the action alone (tests and screen readers match it exactly); the
          // explanation is its description.
          return (
            <div key={choice.value} className="exists-action">
              <label className="check">
                <input
                  type="radio"
                  name={`${ids}-action`}
                  value={choice.value}
                  checked={action === choice.value}
                  aria-describedby={hint === undefined ? undefined : hintId}
                  onChange={() => setAction(choice.value)}
                />
                <span>{choice.label}</span>
              </label>
              {hint === undefined ? null : (
                <span id={hintId} className="exists-hint">
                  {hint}
                </span>
              )}
            </div>
          );
        })}
      </fieldset>
      <div className="exists-remember">
        <label className="check">
          <input
            type="checkbox"
            checked={always}
            onChange={(event) => setAlways(event.target.checked)}
          />
          <span>Always use this action</span>
        </label>
        <fieldset className="exists-scope" disabled={!always}>
          <legend className="visually-hidden">Use it</legend>
          <label className="check">
            <input
              type="radio"
              name={`${ids}-scope`}
              value="queue"
              checked={scope === 'queue'}
              onChange={() => setScope('queue')}
            />
            <span>for this queue only</span>
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${ids}-scope`}
              value="always"
              checked={scope === 'always'}
              onChange={() => setScope('always')}
            />
            <span>always</span>
          </label>
        </fieldset>
      </div>
    </Modal>
  );
}

function FileFacts({ size, modified }: { size: number | null; modified: number | null }) {
  return (
    <span className="numeric">
      {size === null ? 'size unknown' : formatBytes(size)}
      {', '}
      {modified === null ? 'date unknown' : `modified ${formatDateTime(modified)}`}
    </span>
  );
}
