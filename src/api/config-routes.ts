// The CRUD routes of one kind of configuration record, generated from its field table:
//   GET /queues[?field=value]   GET /queues/NAME   POST /queues {name, ...}
//   PATCH /queues/NAME {...}    DELETE /queues/NAME
// (agents: /agents/ID with "id"; tiers: /tiers/QUEUE/AGENT with "queue" and "agentId").
import type { FieldTable } from '../cli/config-fields.js';
import { ok, type ApiResult } from './api-error.js';
import type { ConfigCollection } from './config-editor.js';
import { parseConfigBody } from './request-body.js';
import { changing, reading, requiredString, type Route } from './routes.js';

export interface ConfigRouteSpec<C, F, K> {
  /** First path segment: "queues". */
  readonly base: string;
  readonly collection: ConfigCollection<C, F, K>;
  readonly table: FieldTable<F>;
  /** Record fields forming the key, in path order: ['name'] or ['queue', 'agentId']. */
  readonly keyFields: readonly string[];
  key(values: readonly string[]): K;
}

function keyValues(body: Record<string, unknown>, fields: readonly string[]): ApiResult<string[]> {
  const values: string[] = [];
  for (const field of fields) {
    const value = requiredString(body, field);
    if (!value.ok) return value;
    values.push(value.value);
  }
  return ok(values);
}

export function configRoutes<C, F, K>(spec: ConfigRouteSpec<C, F, K>): Route[] {
  const one = [spec.base, ...spec.keyFields.map(() => ':')];
  const keyOf = (segments: readonly string[]): K => spec.key(segments.slice(1));
  const fieldsOnly = (body: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(body).filter(([field]) => !spec.keyFields.includes(field)));
  return [
    reading([spec.base], async (request) => {
      const all = await spec.collection.list();
      if (!all.ok) return all;
      // ?queue=support&agentId=1000: keep the records whose key fields equal the given values.
      const wanted = spec.keyFields.flatMap((field) => {
        const value = request.query.get(field);
        return value === null ? [] : [[field, value] as const];
      });
      return ok(all.value.filter((record) => wanted.every(([field, value]) => (record as Record<string, unknown>)[field] === value)));
    }),
    reading(one, (request) => spec.collection.get(keyOf(request.segments))),
    changing(
      'POST',
      [spec.base],
      async (body) => {
        const key = keyValues(body, spec.keyFields);
        if (!key.ok) return key;
        const fields = parseConfigBody(fieldsOnly(body), spec.table);
        return fields.ok ? spec.collection.add(spec.key(key.value), fields.value) : fields;
      },
      201,
    ),
    changing('PATCH', one, async (body, request) => {
      const fields = parseConfigBody(body, spec.table);
      return fields.ok ? spec.collection.set(keyOf(request.segments), fields.value) : fields;
    }),
    changing('DELETE', one, async (_body, request) => spec.collection.remove(keyOf(request.segments))),
  ];
}
