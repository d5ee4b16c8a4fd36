// Maps a mod_callcenter callcenter.conf.xml onto Lineup's configuration. Names are kept
// (support@default stays the queue name), params and attributes go through the same field
// tables as the CLI flags, and whatever has no Lineup equivalent is reported, not guessed.
import {
  AGENT_STATUSES,
  defaultAgentConfig,
  defaultQueueConfig,
  validateQueueConfig,
  validateTierConfig,
  type AgentConfig,
  type AgentStatus,
  type QueueConfig,
  type TierConfig,
} from '../engine/index.js';
import {
  AGENT_FIELDS,
  QUEUE_FIELDS,
  TIER_FIELDS,
  describeFieldError,
  fieldKeys,
  parseFields,
  type FieldTable,
} from '../cli/config-fields.js';
import { validateAgent } from '../api/config-editor.js';
import { parseCallcenterXml, type XmlQueue } from './callcenter-xml.js';

export interface ImportedAgent {
  readonly config: AgentConfig;
  /** The XML's status attribute (mod_callcenter applies it at every load), or null. */
  readonly status: AgentStatus | null;
}

export interface ImportPlan {
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly ImportedAgent[];
  readonly tiers: readonly TierConfig[];
  /** What could not be mapped, or was mapped with a change, one line each. */
  readonly notes: readonly string[];
}

export type ImportPlanResult =
  | { readonly ok: true; readonly plan: ImportPlan }
  | { readonly ok: false; readonly errors: readonly string[] };

/** vars.xml's hold_music in a vanilla FreeSWITCH; Lineup does not run the XML preprocessor. */
const HOLD_MUSIC = 'local_stream://moh';
const PREPROCESSOR_VARIABLE = /\$\$\{[^}]*\}/;

/** XML name -> field key, for the fields mod_callcenter has. */
function xmlNames<C>(table: FieldTable<C>): Map<string, keyof C & string> {
  const names = new Map<string, keyof C & string>();
  for (const key of fieldKeys(table)) {
    const xml = table[key].xml;
    if (xml !== undefined) names.set(xml, key);
  }
  return names;
}

const QUEUE_XML = xmlNames(QUEUE_FIELDS);
const AGENT_XML = xmlNames(AGENT_FIELDS);
const TIER_XML = xmlNames(TIER_FIELDS);

interface Collector {
  readonly notes: string[];
  readonly errors: string[];
}

function noEquivalent(where: string, name: string, value: string): string {
  return `${where} ${name}=${JSON.stringify(value)} has no Lineup equivalent: not imported`;
}

/** The raw value with preprocessor variables handled, noting what was done. */
function expandPreprocessor(value: string, where: string, out: Collector): string {
  if (value === '$${hold_music}') {
    out.notes.push(`${where}: $\${hold_music} replaced by ${HOLD_MUSIC} (vanilla vars.xml value); set --moh-sound if yours differs`);
    return HOLD_MUSIC;
  }
  if (PREPROCESSOR_VARIABLE.test(value)) {
    out.notes.push(`${where}: ${value} kept as written: Lineup does not expand $\${...} preprocessor variables; replace it with its value`);
  }
  return value;
}

function mapQueue(queue: XmlQueue, out: Collector): QueueConfig | null {
  const where = `queue ${queue.name}`;
  const raw: Record<string, unknown> = {};
  for (const param of queue.params) {
    const key = QUEUE_XML.get(param.name);
    if (key === undefined) {
      out.notes.push(noEquivalent(`${where}, param`, param.name, param.value));
      continue;
    }
    raw[key] = expandPreprocessor(param.value, `${where}, param ${param.name}`, out);
  }
  const parsed = parseFields(QUEUE_FIELDS, raw);
  if (!parsed.ok) {
    out.errors.push(`${where}: ${describeFieldError(parsed.error, `param ${parsed.error.xml ?? parsed.error.flag}`)}`);
    return null;
  }
  const config: QueueConfig = { ...defaultQueueConfig(queue.name), ...parsed.values };
  const invalid = validateQueueConfig(config);
  if (invalid !== null) {
    out.errors.push(invalid.message); // the validators' messages start with the record (queue q: ...)
    return null;
  }
  return config;
}

/** Attributes other than the field ones, and how each is handled. */
const AGENT_OWN_ATTRIBUTES = new Set(['name', 'type', 'status']);

function mapAgent(attrs: Readonly<Record<string, string>>, out: Collector): ImportedAgent | null {
  const id = attrs['name'] ?? '';
  const where = `agent ${id}`;
  const type = (attrs['type'] ?? 'callback').toLowerCase();
  if (type !== 'callback') {
    out.notes.push(`${where}: type ${attrs['type']} is not supported (Lineup calls agents back): agent and its tiers not imported`);
    return null;
  }
  const contact = attrs['contact'];
  if (contact === undefined || contact.trim() === '') {
    out.notes.push(`${where}: no contact: agent and its tiers not imported; add it with lineup agent add ${id} --contact DIALSTRING`);
    return null;
  }
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attrs)) {
    const key = AGENT_XML.get(name);
    if (key !== undefined) raw[key] = expandPreprocessor(value, `${where}, attribute ${name}`, out);
    else if (!AGENT_OWN_ATTRIBUTES.has(name)) out.notes.push(noEquivalent(`${where}, attribute`, name, value));
  }
  const parsed = parseFields(AGENT_FIELDS, raw);
  if (!parsed.ok) {
    out.errors.push(`${where}: ${describeFieldError(parsed.error, `attribute ${parsed.error.xml ?? parsed.error.flag}`)}`);
    return null;
  }
  const config: AgentConfig = { ...defaultAgentConfig(id, contact), ...parsed.values };
  const invalid = validateAgent(config);
  if (invalid !== null) {
    out.errors.push(invalid.message);
    return null;
  }
  const status = attrs['status'];
  if (status === undefined) return { config, status: null };
  const known = AGENT_STATUSES.find((name) => name.toLowerCase() === status.toLowerCase());
  if (known === undefined) {
    out.errors.push(`${where}: invalid value ${JSON.stringify(status)} for attribute status: allowed one of ${AGENT_STATUSES.join(', ')}`);
    return null;
  }
  return { config, status: known };
}

const TIER_OWN_ATTRIBUTES = new Set(['queue', 'agent']);

function mapTier(attrs: Readonly<Record<string, string>>, skippedAgents: ReadonlySet<string>, out: Collector): TierConfig | null {
  const queue = attrs['queue'] ?? '';
  const agentId = attrs['agent'] ?? '';
  const where = `tier ${queue}/${agentId}`;
  if (skippedAgents.has(agentId)) return null;
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attrs)) {
    const key = TIER_XML.get(name);
    if (key !== undefined) raw[key] = value;
    else if (!TIER_OWN_ATTRIBUTES.has(name)) out.notes.push(noEquivalent(`${where}, attribute`, name, value));
  }
  const parsed = parseFields(TIER_FIELDS, raw);
  if (!parsed.ok) {
    out.errors.push(`${where}: ${describeFieldError(parsed.error, `attribute ${parsed.error.xml ?? parsed.error.flag}`)}`);
    return null;
  }
  // mod_callcenter's default level and position are 1.
  const tier: TierConfig = { queue, agentId, level: 1, position: 1, ...parsed.values };
  const invalid = validateTierConfig(tier);
  if (invalid !== null) {
    out.errors.push(invalid.message);
    return null;
  }
  return tier;
}

export function planModCallcenterImport(xml: string): ImportPlanResult {
  const document = parseCallcenterXml(xml);
  if (typeof document === 'string') return { ok: false, errors: [document] };
  const out: Collector = { notes: [], errors: [] };
  for (const setting of document.settings) {
    out.notes.push(noEquivalent('settings: param', setting.name, setting.value));
  }
  const queues = document.queues.flatMap((queue) => mapQueue(queue, out) ?? []);
  const skippedAgents = new Set<string>();
  const agents = document.agents.flatMap((attrs) => {
    const agent = mapAgent(attrs, out);
    if (agent === null) skippedAgents.add(attrs['name'] ?? '');
    return agent ?? [];
  });
  const tiers = document.tiers.flatMap((attrs) => mapTier(attrs, skippedAgents, out) ?? []);
  if (out.errors.length > 0) return { ok: false, errors: out.errors };
  return { ok: true, plan: { queues, agents, tiers, notes: out.notes } };
}
