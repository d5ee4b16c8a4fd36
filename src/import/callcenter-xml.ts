// Reads mod_callcenter's callcenter.conf.xml into plain records: queues with their params, agents
// and tiers with their attributes. No mapping here (see mod-callcenter.ts): only the XML shape.
import { XMLParser } from 'fast-xml-parser';

export interface XmlQueue {
  readonly name: string;
  /** params in file order; a repeated name keeps every occurrence (the last one wins later). */
  readonly params: readonly { readonly name: string; readonly value: string }[];
}

export interface CallcenterXml {
  readonly settings: readonly { readonly name: string; readonly value: string }[];
  readonly queues: readonly XmlQueue[];
  readonly agents: readonly Readonly<Record<string, string>>[];
  readonly tiers: readonly Readonly<Record<string, string>>[];
}

const LISTS = new Set([
  'configuration.settings.param',
  'configuration.queues.queue',
  'configuration.queues.queue.param',
  'configuration.agents.agent',
  'configuration.tiers.tier',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (_name, jpath, _leaf, isAttribute) => !isAttribute && LISTS.has(String(jpath)),
});

type XmlNode = Record<string, unknown>;

function nodes(parent: unknown, child: string): XmlNode[] {
  if (typeof parent !== 'object' || parent === null) return [];
  const list = (parent as XmlNode)[child];
  return Array.isArray(list) ? list.filter((item): item is XmlNode => typeof item === 'object' && item !== null) : [];
}

/** The element's attributes as strings (child elements and text are not attributes). */
function attributes(node: XmlNode): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && key !== '#text') result[key] = value;
  }
  return result;
}

function params(parent: unknown): { name: string; value: string }[] {
  return nodes(parent, 'param').map((node) => {
    const attrs = attributes(node);
    return { name: attrs['name'] ?? '', value: attrs['value'] ?? '' };
  });
}

/** Parses the file's text; a string error says what is wrong with the XML. */
export function parseCallcenterXml(xml: string): CallcenterXml | string {
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    return `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`;
  }
  const configuration = (document as XmlNode)['configuration'];
  if (typeof configuration !== 'object' || configuration === null) {
    return 'no <configuration> root element: expected the content of callcenter.conf.xml';
  }
  const root = configuration as XmlNode;
  return {
    settings: params(root['settings']),
    queues: nodes(root['queues'], 'queue').map((node) => ({ name: attributes(node)['name'] ?? '', params: params(node) })),
    agents: nodes(root['agents'], 'agent').map(attributes),
    tiers: nodes(root['tiers'], 'tier').map(attributes),
  };
}
