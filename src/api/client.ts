// A small typed client of the control API, used by the CLI's live commands. Every failure comes
// back as an ApiError value; an unreachable controller says how to fix it.
import type { AgentSnapshot } from '../engine/index.js';
import type { AgentAction, AgentActionRequest } from './agent-actions.js';
import { apiError, fail, ok, type ApiError, type ApiResult } from './api-error.js';
import type { StatusReport } from './status-report.js';

export interface ApiClient {
  readonly url: string;
  status(): Promise<ApiResult<StatusReport>>;
  /** The agent as the controller sees it after the action. */
  agentAction(agentId: string, request: AgentActionRequest): Promise<ApiResult<AgentSnapshot>>;
  /** The agent as the controller sees it now. */
  agentStatus(agentId: string): Promise<ApiResult<AgentSnapshot>>;
  /** Any route: JSON in, JSON out. */
  call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>>;
}

const TIMEOUT_MS = 5_000;

function isApiError(value: unknown): value is { error: ApiError } {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as Record<string, unknown>)['error'];
  return typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>)['message'] === 'string';
}

export function createApiClient(options: { readonly url: string; readonly token?: string }): ApiClient {
  const base = options.url.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.token !== undefined ? { authorization: `Bearer ${options.token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      return fail(apiError('unavailable', `cannot reach the controller at ${base} (${cause}): is \`lineup serve\` running?`));
    }
    let value: unknown;
    try {
      value = await response.json();
    } catch {
      return fail(apiError('failed', `the controller at ${base} answered ${response.status} without JSON`));
    }
    if (response.ok) return ok(value as T);
    return fail(isApiError(value) ? value.error : apiError('failed', `the controller at ${base} answered ${response.status}`));
  }

  return {
    url: base,
    status: () => call<StatusReport>('GET', '/status'),
    agentAction: (agentId: string, request: AgentActionRequest) => {
      const { action, ...body } = request;
      return call<AgentSnapshot>('POST', `/agents/${encodeURIComponent(agentId)}/${action satisfies AgentAction}`, body);
    },
    agentStatus: (agentId: string) => call<AgentSnapshot>('GET', `/agents/${encodeURIComponent(agentId)}/status`),
    call,
  };
}
