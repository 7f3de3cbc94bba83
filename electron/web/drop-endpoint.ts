import type { IncomingMessage, ServerResponse } from 'node:http';
import { DropStageClosedError, dropNameProblem, type DropStage } from './drop-stage.js';
import { answerJson, answerText } from './http-answers.js';

/**
 * Files dropped onto the page from the desktop (renderer/bridge/drop-files.ts):
 *
 *   POST /api/drop?name=<encodeURIComponent(file name)>   body: the file's bytes
 *   → 201 application/json {"path": "<absolute path of the staged file>"}
 *   → 400 a bad or missing name · 403 refused access · 405 not POST · 500/503 not staged
 *
 * The page then enqueues an ordinary upload from that path. web-host.ts lets a request
 * get here only after decideAccess, with the Origin header required for POST. SameSite
 * does not protect this: a page served by any other program on 127.0.0.1 (another port)
 * is the same *site*, so the browser would attach our cookie to its form post or no-cors
 * fetch. Only the Origin, which a page cannot forge, tells it apart from ours.
 */
export const DROP_PATH = '/api/drop';

export async function handleDrop(
  request: IncomingMessage,
  response: ServerResponse,
  stage: DropStage,
  query: URLSearchParams,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    return answerText(response, 405, 'Method not allowed: send dropped files with POST');
  }
  const names = query.getAll('name');
  const name = names.length === 1 ? names[0] : undefined;
  if (name === undefined) {
    return answerText(response, 400, 'Name the file once: POST /api/drop?name=<file name>');
  }
  const problem = dropNameProblem(name);
  if (problem !== undefined) return answerText(response, 400, problem);

  let path: string;
  try {
    path = await stage.receive(name, request);
  } catch (error) {
    // The stage has already removed the partial file. A client that went away (the tab
    // was closed, the fetch aborted) cannot be answered; anyone else is told why.
    if (request.socket.destroyed) return;
    if (error instanceof DropStageClosedError) return answerText(response, 503, error.message);
    return answerText(response, 500, stagingFailure(name, stage.dir, error));
  }
  if (request.socket.destroyed) {
    // Nobody learns this path, so nobody will upload from it.
    await stage.discard(path);
    return;
  }
  answerJson(response, 201, { path });
}

function stagingFailure(name: string, dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return `Not enough disk space in ${dir} to stage ${name}: free some space and drop it again.`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not stage ${name} in ${dir}: ${reason}`;
}
