import { useId, useState } from 'react';
import { InertText } from '../../components/inert-text.js';
import { Modal } from '../../components/modal.js';

export interface PasswordPromptProps {
  readonly user: string;
  readonly host: string;
  readonly onSubmit: (password: string) => void;
  readonly onCancel: () => void;
}

/** For "Ask for password" sites: the password for this connection only, never saved. */
export function PasswordPrompt({ user, host, onSubmit, onCancel }: PasswordPromptProps) {
  const id = useId();
  const [password, setPassword] = useState('');
  const submit = (): void => onSubmit(password);
  return (
    <Modal
      title="Enter password"
      size="small"
      onCancel={onCancel}
      onConfirm={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={submit}>
            OK
          </button>
        </>
      }
    >
      <p className="prompt-text">
        Password for <InertText text={`${user}@${host}`} />:
      </p>
      <label htmlFor={id} className="visually-hidden">
        Password
      </label>
      <input
        id={id}
        className="input prompt-input"
        type="password"
        autoComplete="off"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
    </Modal>
  );
}
