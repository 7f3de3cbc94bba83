import { useState } from 'react';
import type { ConnectRequest } from '../../../shared/models/session.js';
import { useBridge } from '../../app/bridge-context.js';
import { InertText } from '../../components/inert-text.js';
import { Modal } from '../../components/modal.js';
import { useSitesStore } from '../../stores/sites-store.js';
import { escapeControls } from '../../text/escape-controls.js';
import { KIND_LABELS } from '../message-log/log-format.js';
import { DoctorReportView } from './doctor-report-view.js';
import { DoctorSteps } from './doctor-steps.js';
import { useDoctorLaunchStore } from './doctor-launch-store.js';
import { useDoctorRun } from './use-doctor-run.js';
import './connection-doctor.css';

/** Shows the doctor for the server it was last asked for. */
export function ConnectionDoctorHost() {
  const request = useDoctorLaunchStore((s) => s.request);
  const seq = useDoctorLaunchStore((s) => s.seq);
  const close = useDoctorLaunchStore((s) => s.close);
  return request === null ? null : (
    <ConnectionDoctorDialog key={seq} request={request} onClose={close} />
  );
}

/**
 * "Diagnose connection": the seven checks with live progress and the full log, then the
 * report with "Copy report" (passwords removed, for a support request) and "Apply
 * recommended settings" (into the site, or a new site for a quickconnect target).
 */
export function ConnectionDoctorDialog({
  request,
  onClose,
}: {
  request: ConnectRequest;
  onClose: () => void;
}) {
  const bridge = useBridge();
  const run = useDoctorRun(request);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const { report } = run;

  const copy = async (): Promise<void> => {
    if (report === null) return;
    try {
      await navigator.clipboard.writeText(report.text);
      setStatus('Report copied to the clipboard.');
    } catch {
      setStatus('The clipboard is not available here.');
    }
  };

  const apply = async (): Promise<void> => {
    if (run.runId === null || busy) return;
    setBusy(true);
    const result = await bridge.invoke['doctor:apply']({ runId: run.runId });
    setBusy(false);
    if (!result.ok) {
      setStatus(`The settings were not saved: ${result.error.message}`);
      return;
    }
    const sites = await bridge.invoke['sites:list']({});
    if (sites.ok) useSitesStore.getState().setTree(sites.value);
    setStatus(`Recommended settings saved to the site "${result.value.name}".`);
  };

  // Closing while it runs cancels the run (useDoctorRun does it on unmount).
  const cancel = onClose;

  return (
    <Modal
      title="Diagnose connection"
      size="large"
      className="connection-doctor"
      onCancel={cancel}
      footer={
        <>
          <span className="doctor-status" role="status">
            {run.running ? 'Diagnosing…' : status}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="btn"
            disabled={report === null}
            onClick={() => void copy()}
          >
            Copy report
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={report?.recommended == null || busy}
            onClick={() => void apply()}
          >
            Apply recommended settings
          </button>
          <button type="button" className="btn" onClick={cancel}>
            {run.running ? 'Cancel' : 'Close'}
          </button>
        </>
      }
    >
      <div className="doctor-body">
        {run.problem === null ? null : (
          <p role="alert" className="doctor-problem">
            <InertText text={run.problem} />
          </p>
        )}
        {report === null ? null : <DoctorReportView report={report} />}
        <DoctorSteps steps={run.steps} />
        <details className="doctor-log" open={report === null}>
          <summary>Log ({run.lines.length} lines)</summary>
          <pre aria-label="Diagnosis log" tabIndex={0}>
            {run.lines
              .map((line) => `${KIND_LABELS[line.kind]} ${escapeControls(line.text)}`)
              .join('\n')}
          </pre>
        </details>
      </div>
    </Modal>
  );
}
