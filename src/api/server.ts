// The control API served by `lineup serve`: HTTP + JSON on 127.0.0.1 by default. Reads are open;
// every change needs `Authorization: Bearer <token>`. Configuration goes to Postgres through the
// ConfigEditor (the controller picks it up within a second); live agent operations go to the
// running controller through its ControlPlane. Routes are listed in docs/cli.md.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ControlPlane } from '../controller/control-plane.js';
import { AGENT_FIELDS, QUEUE_FIELDS, TIER_FIELDS } from '../cli/config-fields.js';
import type { Logger } from '../log.js';
import {
  AGENT_ACTIONS,
  checkPauseReason,
  engineErrorToApi,
  statusFor,
  type AgentAction,
  type AgentActionRequest,
} from './agent-actions.js';
import { apiError, fail, ok, type ApiResult } from './api-error.js';
import { ensureTier, type ConfigEditor } from './config-editor.js';
import { configRoutes } from './config-routes.js';
import { EventStreams } from './event-stream.js';
import { sendError } from './http-io.js';
import { parseActionBody, type BodyShape } from './request-body.js';
import { changing, matches, reading, type Route } from './routes.js';
import type { StatusReport, TodayFigures } from './status-report.js';
import { collectStatus } from './collect-status.js';

export interface ApiStore {
  readonly config: ConfigEditor;
  /** Today's figures per queue from the event log. */
  todayFigures(now: number, serviceLevelSeconds: number): Promise<ApiResult<ReadonlyMap<string, TodayFigures>>>;
}

export interface ApiServerOptions {
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  readonly token: string;
  readonly controlPlane: ControlPlane;
  readonly store: ApiStore;
  readonly logger: Logger;
  /** Allowed pause reasons; null or empty = free text. */
  readonly pauseReasons?: readonly string[] | null;
  /** Service-level threshold for GET /status, seconds (default 20). */
  readonly serviceLevelSeconds?: number;
  readonly now?: () => number;
}

export interface ApiServer {
  /** http://host:port */
  readonly url: string;
  close(): Promise<void>;
}

const DEFAULT_SERVICE_LEVEL_SECONDS = 20;


function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') === true ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { controlPlane, store, logger } = options;
  const now = options.now ?? Date.now;
  const serviceLevelSeconds = options.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS;
  const streams = new EventStreams();

  const status = (): Promise<ApiResult<StatusReport>> =>
    collectStatus(store, controlPlane.snapshot(), { now: now(), serviceLevelSeconds, live: true });

  async function agentAction(agentId: string, action: AgentAction, body: Record<string, unknown>): Promise<ApiResult<unknown>> {
    const shape: BodyShape = { queue: 'string', onDemand: 'boolean', reason: 'string', callId: 'string', source: 'string' };
    const parsed = parseActionBody(body, shape);
    if (!parsed.ok) return parsed;
    const request = { action, ...parsed.value } as AgentActionRequest;
    if (action === 'pause') {
      const refused = checkPauseReason(request.reason, options.pauseReasons ?? null);
      if (refused !== null) return fail(refused);
    }
    const agent = await store.config.agents.get(agentId);
    if (!agent.ok) return agent;
    if (action === 'login' && request.queue !== undefined) {
      const joined = await ensureTier(store.config, request.queue, agentId);
      if (!joined.ok) return joined;
    }
    const status = statusFor(request);
    const refused =
      status !== null
        ? controlPlane.setAgentStatus({ agentId, status, reason: request.reason ?? null, source: request.source ?? 'api' })
        : action === 'ready'
          ? controlPlane.agentReady(agentId)
          : controlPlane.requestCall(agentId, request.callId);
    if (refused !== null) return fail(engineErrorToApi(refused, agentId));
    const after = controlPlane.snapshot().agents.find((item) => item.id === agentId);
    return ok(after ?? null);
  }

  const routes: readonly Route[] = [
    reading(['health'], async () => ok({ ok: true })),
    reading(['status'], status),
    { method: 'GET', path: ['events'], change: false, handle: async (req, res) => streams.serve(req.http, res, controlPlane) },
    ...configRoutes({ base: 'queues', collection: store.config.queues, table: QUEUE_FIELDS, keyFields: ['name'], key: ([name]) => name ?? '' }),
    ...configRoutes({ base: 'agents', collection: store.config.agents, table: AGENT_FIELDS, keyFields: ['id'], key: ([id]) => id ?? '' }),
    ...configRoutes({
      base: 'tiers',
      collection: store.config.tiers,
      table: TIER_FIELDS,
      keyFields: ['queue', 'agentId'],
      key: ([queue, agentId]) => ({ queue: queue ?? '', agentId: agentId ?? '' }),
    }),
    reading(['agents', ':', 'status'], async (req) => {
      const agentId = req.segments[1] ?? '';
      const agent = controlPlane.snapshot().agents.find((item) => item.id === agentId);
      if (agent !== undefined) return ok(agent);
      const configured = await store.config.agents.get(agentId);
      return configured.ok ? fail(engineErrorToApi({ code: 'unknown-agent', message: '' }, agentId)) : configured;
    }),
    changing('POST', ['agents', ':', ':'], async (body, req) => {
      const action = req.segments[2] ?? '';
      if (!(AGENT_ACTIONS as readonly string[]).includes(action)) {
        return fail(apiError('not-found', `no agent action ${JSON.stringify(action)}: allowed ${AGENT_ACTIONS.join(', ')}`));
      }
      return agentAction(req.segments[1] ?? '', action as AgentAction, body);
    }),
  ];

  async function dispatch(http: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(http.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter((part) => part !== '').map(decodeURIComponent);
    const method = http.method ?? 'GET';
    const matching = routes.filter((route) => matches(route.path, segments));
    const route = matching.find((candidate) => candidate.method === method);
    if (route === undefined) {
      const error =
        matching.length > 0
          ? apiError('not-found', `${method} is not allowed on ${url.pathname}: use ${matching.map((r) => r.method).join(', ')}`)
          : apiError('not-found', `no route ${url.pathname}: see docs/cli.md for the API routes`);
      sendError(response, error);
      return;
    }
    if (route.change && !tokenMatches(http.headers.authorization, options.token)) {
      sendError(response, apiError('unauthorized', 'changes need the header Authorization: Bearer <token> (the token is in controller.json or LINEUP_API_TOKEN)'));
      return;
    }
    await route.handle({ method, segments, query: url.searchParams, http }, response);
  }

  const server = createServer((http, response) => {
    dispatch(http, response).catch((error: unknown) => {
      logger.error({ err: error, url: http.url }, 'control API request failed');
      if (!response.headersSent) sendError(response, apiError('failed', `internal error: ${error instanceof Error ? error.message : String(error)}`));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, 'control API listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
