import { useId, useRef, useState } from 'react';
import type { TrustDecision } from '../../../shared/models/session.js';
import { useBridge } from '../../app/bridge-context.js';
import { Icon } from '../../components/icons.js';
import { InertText } from '../../components/inert-text.js';
import { Modal } from '../../components/modal.js';
import { useNoticesStore } from '../../stores/notices-store.js';
import { usePromptsStore, type TrustRequest } from '../../stores/prompts-store.js';
import './trust-dialog.css';

/** Shows the oldest certificate question main is waiting on, if any. */
export function TrustDialogHost() {
  const request = usePromptsStore((s) => s.trust[0]);
  // Keyed: a second question gets a fresh dialog (focus, state), not the first one's.
  return request === undefined ? null : <TrustDialog key={request.requestId} request={request} />;
}

/**
 * "Unknown certificate", FileZilla's dialog: who the certificate says it is, who vouches
 * for it, when it is valid, and its SHA-256 fingerprint to compare with what the server's
 * owner publishes. A certificate that CHANGED since it was trusted gets a strong warning,
 * and Cancel (not Trust) has the focus, so Enter does not wave it through.
 */
export function TrustDialog({ request }: { request: TrustRequest }) {
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const warningId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const trustOnceRef = useRef<HTMLButtonElement>(null);
  const { certificate, changed } = request;
  const host = certificate.host.includes(':') ? `[${certificate.host}]` : certificate.host;

  const answer = async (decision: TrustDecision): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const result = await bridge.invoke['trust:respond']({
      requestId: request.requestId,
      decision,
    });
    usePromptsStore.getState().resolveTrust(request.requestId);
    if (!result.ok) {
      // Usually: the question timed out and the connection already gave up.
      useNoticesStore
        .getState()
        .push('warning', `The certificate answer was not taken: ${result.error.message}`);
    }
  };

  return (
    <Modal
      title={changed ? 'Certificate changed' : 'Unknown certificate'}
      role="alertdialog"
      size="medium"
      describedBy={warningId}
      onCancel={() => void answer('reject')}
      initialFocus={changed ? cancelRef : trustOnceRef}
      footer={
        <>
          <button
            ref={cancelRef}
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void answer('reject')}
          >
            Cancel
          </button>
          <span className="spacer" />
          <button
            ref={trustOnceRef}
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => void answer('once')}
          >
            Trust once
          </button>
          <button
            type="button"
            className={changed ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={busy}
            onClick={() => void answer('always')}
          >
            Always trust
          </button>
        </>
      }
    >
      {changed ? (
        <div id={warningId} className="trust-warning trust-changed">
          <Icon name="warning" className="trust-warning-icon" />
          <div>
            <p className="trust-warning-title">
              The certificate of {host}:{certificate.port} has CHANGED since you trusted it.
            </p>
            <p>
              Someone may be intercepting the connection. Trust the new certificate only if the
              server’s administrator told you it was replaced, and the fingerprint below matches the
              one they gave you.
            </p>
          </div>
        </div>
      ) : (
        <div id={warningId} className="trust-warning">
          <Icon name="shield" className="trust-warning-icon" />
          <p>
            The server’s certificate is not trusted by this computer. Check its fingerprint with the
            server’s administrator before trusting it.
          </p>
        </div>
      )}
      <dl className="trust-details">
        <dt>Server</dt>
        <dd>
          <InertText text={`${host}:${certificate.port}`} />
        </dd>
        <dt>Why it is not trusted</dt>
        <dd>
          <InertText text={certificate.reason} />
        </dd>
        <dt>Subject</dt>
        <dd>
          <InertText text={certificate.subject} />
        </dd>
        <dt>Issuer</dt>
        <dd>
          <InertText text={certificate.issuer} />
        </dd>
        <dt>Valid from</dt>
        <dd>
          <InertText text={certificate.validFrom} />
        </dd>
        <dt>Valid until</dt>
        <dd>
          <InertText text={certificate.validTo} />
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="trust-fingerprint">
          <InertText text={certificate.fingerprint256} />
        </dd>
      </dl>
    </Modal>
  );
}
