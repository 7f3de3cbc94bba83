import { join } from 'node:path';
import { z } from 'zod';
import type { CertificateInfo, TrustDecision } from '../../shared/models/session.js';
import { readJsonFile, writeJsonAtomic } from './json-file.js';
import type { EventSink } from './router.js';
import { ServiceError } from './router.js';
import { newId } from './sites-service.js';

const FILE_NAME = 'trusted-certificates.json';
/** How long a trust question waits for the user before the connection gives up. */
export const TRUST_TIMEOUT_MS = 5 * 60_000;

const fileSchema = z
  .object({ version: z.literal(1), pins: z.record(z.string(), z.string().regex(/^[0-9A-F:]+$/)) })
  .strict();

interface PendingQuestion {
  readonly resolve: (decision: TrustDecision) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Decisions about certificates the system does not trust. "Always" pins the SHA-256
 * fingerprint to host:port; a pinned certificate is accepted silently, a different one
 * at the same host:port asks again (marked as changed).
 */
export class TrustService {
  private readonly pending = new Map<string, PendingQuestion>();
  /** "Trust once" lasts until the app quits: the transfer connections of that session too. */
  private readonly trustedThisRun = new Map<string, string>();

  private constructor(
    private readonly path: string,
    private pins: Record<string, string>,
    private readonly emit: EventSink,
  ) {}

  static async open(userDataDir: string, emit: EventSink): Promise<TrustService> {
    const path = join(userDataDir, FILE_NAME);
    const outcome = await readJsonFile(path, fileSchema, { version: 1 as const, pins: {} });
    return new TrustService(path, outcome.value.pins, emit);
  }

  /** Asks the user (through the renderer) unless the certificate is pinned. */
  async decide(sessionId: string, certificate: CertificateInfo): Promise<boolean> {
    const key = `${certificate.host}:${certificate.port}`;
    const pinned = this.pins[key];
    if (pinned === certificate.fingerprint256) return true;
    if (this.trustedThisRun.get(key) === certificate.fingerprint256) return true;
    const requestId = newId();
    const decision = await new Promise<TrustDecision>((resolve) => {
      const timer = setTimeout(() => this.answer(requestId, 'reject'), TRUST_TIMEOUT_MS);
      this.pending.set(requestId, { resolve, timer });
      this.emit('trust:request', {
        requestId,
        sessionId,
        certificate,
        changed: pinned !== undefined,
      });
    });
    if (decision === 'once') this.trustedThisRun.set(key, certificate.fingerprint256);
    if (decision === 'always') {
      this.pins = { ...this.pins, [key]: certificate.fingerprint256 };
      await writeJsonAtomic(this.path, { version: 1, pins: this.pins });
    }
    return decision !== 'reject';
  }

  /** The renderer's answer ('trust:respond'). */
  respond(requestId: string, decision: TrustDecision): void {
    if (!this.pending.has(requestId))
      throw new ServiceError('not-found', 'That question was already answered or expired');
    this.answer(requestId, decision);
  }

  /** Rejects every open question (on shutdown). */
  dispose(): void {
    for (const id of [...this.pending.keys()]) this.answer(id, 'reject');
  }

  private answer(requestId: string, decision: TrustDecision): void {
    const question = this.pending.get(requestId);
    if (question === undefined) return;
    this.pending.delete(requestId);
    clearTimeout(question.timer);
    question.resolve(decision);
  }
}
