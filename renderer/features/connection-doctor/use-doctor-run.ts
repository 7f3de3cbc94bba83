import { useEffect, useRef, useState } from 'react';
import {
  DOCTOR_STEP_TITLES,
  doctorStepIds,
  type DoctorProgress,
  type DoctorReport,
  type DoctorStep,
} from '../../../shared/models/doctor.js';
import type { LogLine } from '../../../shared/models/log-line.js';
import type { ConnectRequest } from '../../../shared/models/session.js';
import { useBridge } from '../../app/bridge-context.js';

/** The dialog keeps this many log lines; the copied report has the whole log. */
const MAX_LINES = 5_000;

export interface DoctorRun {
  readonly runId: string | null;
  readonly steps: readonly DoctorStep[];
  readonly lines: readonly LogLine[];
  readonly report: DoctorReport | null;
  /** The run could not start, or ended without a report. */
  readonly problem: string | null;
  readonly running: boolean;
}

const INITIAL_STEPS: readonly DoctorStep[] = doctorStepIds.map((id) => ({
  id,
  title: DOCTOR_STEP_TITLES[id],
  state: 'pending',
  summary: '',
  findings: [],
}));

/**
 * Starts one doctor run for `request` and follows its 'doctor:progress' events. Events can
 * arrive before 'doctor:run' answers with the run id (the first step starts at once), so
 * they are held until the id is known. Unmounting while it runs cancels the run.
 */
export function useDoctorRun(request: ConnectRequest): DoctorRun {
  const bridge = useBridge();
  const [runId, setRunId] = useState<string | null>(null);
  const [steps, setSteps] = useState<readonly DoctorStep[]>(INITIAL_STEPS);
  const [lines, setLines] = useState<readonly LogLine[]>([]);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const finished = useRef(false);

  useEffect(() => {
    let current: string | null = null;
    let unmounted = false;
    const held: DoctorProgress[] = [];
    const take = (progress: DoctorProgress): void => {
      const { step, lines: more, report: done, error } = progress;
      if (step !== undefined) setSteps((all) => all.map((s) => (s.id === step.id ? step : s)));
      if (more !== undefined) setLines((all) => [...all, ...more].slice(-MAX_LINES));
      if (done !== undefined) {
        finished.current = true;
        setReport(done);
      }
      if (error !== undefined) {
        finished.current = true;
        setProblem(error);
      }
    };
    const unsubscribe = bridge.on['doctor:progress']((progress) => {
      if (current === null) held.push(progress);
      else if (progress.runId === current) take(progress);
    });
    void bridge.invoke['doctor:run'](request).then((result) => {
      if (!result.ok) {
        finished.current = true;
        if (!unmounted) setProblem(result.error.message);
        return;
      }
      const id = result.value.runId;
      if (unmounted) {
        void bridge.invoke['doctor:cancel']({ runId: id });
        return;
      }
      current = id;
      setRunId(id);
      for (const progress of held.splice(0)) if (progress.runId === id) take(progress);
    });
    return () => {
      unmounted = true;
      unsubscribe();
      if (current !== null && !finished.current)
        void bridge.invoke['doctor:cancel']({ runId: current });
    };
  }, [bridge, request]);

  return {
    runId,
    steps,
    lines,
    report,
    problem,
    running: report === null && problem === null,
  };
}
