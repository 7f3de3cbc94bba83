import type { FileExistsAnswer, FileExistsQuestion } from '../../../shared/models/transfer.js';
import type { EventSink } from '../router.js';
import { ServiceError } from '../router.js';
import type { SettingsService } from '../settings-service.js';
import { newId } from '../sites-service.js';
import type { ExistsAction } from './file-exists.js';

type Question = Omit<FileExistsQuestion, 'requestId'>;

/**
 * "Target file already exists": asks the user one question at a time (parallel transfers
 * would otherwise stack dialogs), and remembers "always use this action" for the queue or,
 * via the settings, for good.
 */
export class ExistsQuestions {
  private queueChoice: ExistsAction | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, (answer: FileExistsAnswer | undefined) => void>();

  constructor(
    private readonly emit: EventSink,
    private readonly settings: SettingsService,
  ) {}

  ask(question: Question): Promise<ExistsAction> {
    const next = this.chain.then(() => this.decide(question));
    this.chain = next.catch(() => undefined);
    return next;
  }

  async answer(answer: FileExistsAnswer): Promise<void> {
    const resolve = this.pending.get(answer.requestId);
    if (resolve === undefined)
      throw new ServiceError('not-found', 'That question was already answered');
    this.pending.delete(answer.requestId);
    if (answer.remember === 'queue') this.queueChoice = answer.action;
    if (answer.remember === 'always')
      await this.settings.update({ fileExistsAction: answer.action });
    resolve(answer);
  }

  forgetQueueChoice(): void {
    this.queueChoice = undefined;
  }

  /** Open questions are answered "skip" (nothing is overwritten without a yes). */
  dispose(): void {
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }

  private async decide(question: Question): Promise<ExistsAction> {
    if (this.queueChoice !== undefined) return this.queueChoice;
    const setting = this.settings.get().fileExistsAction;
    if (setting !== 'ask') return setting;
    const requestId = newId();
    const answer = await new Promise<FileExistsAnswer | undefined>((resolve) => {
      this.pending.set(requestId, resolve);
      this.emit('transfer:exists', { requestId, ...question });
    });
    return answer?.action ?? 'skip';
  }
}
