import { useEffect, useId, useRef } from 'react';
import { describeOpenUrl, type OpenUrlRequest } from '../../../shared/models/open-url.js';
import { InertText } from '../../components/inert-text.js';

/**
 * Asks before a link connects: a link can come from any web page or mail, so opening one
 * only fills the fields, and the user says whether to connect to what it names.
 */
export function LinkConfirmation({
  request,
  onConnect,
  onCancel,
}: {
  readonly request: OpenUrlRequest;
  readonly onConnect: () => void;
  readonly onCancel: () => void;
}) {
  const ids = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // Focus goes to Cancel, so a stray Enter does not connect.
  useEffect(() => {
    cancelRef.current?.focus();
  }, [request]);
  return (
    <section
      className="qc-link"
      role="alertdialog"
      aria-labelledby={`${ids}-question`}
      aria-describedby={request.passwordDropped ? `${ids}-note` : undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p id={`${ids}-question`} className="qc-link-question">
        Connect to <InertText text={describeOpenUrl(request)} />?
      </p>
      {request.passwordDropped ? (
        <p id={`${ids}-note`} className="qc-link-note">
          The link contained a password; Portside does not use passwords from links. Type it in
          Password if the server needs one.
        </p>
      ) : null}
      <div className="qc-link-actions">
        <button type="button" className="btn btn-primary" onClick={onConnect}>
          Connect
        </button>
        <button ref={cancelRef} type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
