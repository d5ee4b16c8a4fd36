import { EventEmitter } from 'node:events';
import type { Logger } from '../log.js';
import { InboundNode, type InboundNodeConfig, type InboundNodeEvents } from './inbound-node.js';

export type InboundPoolResult = { readonly ok: true; readonly pool: InboundPool } | { readonly ok: false; readonly message: string };

/** Inbound connections to several FreeSWITCH nodes, keyed by node name; re-emits every node's events. */
export class InboundPool extends EventEmitter<InboundNodeEvents> {
  private readonly nodes: ReadonlyMap<string, InboundNode>;

  private constructor(nodes: readonly InboundNode[]) {
    super();
    this.nodes = new Map(nodes.map((node) => [node.name, node]));
    for (const node of nodes) {
      node.on('event', (event) => this.emit('event', event));
      node.on('connected', (state) => this.emit('connected', state));
      node.on('disconnected', (state) => this.emit('disconnected', state));
    }
  }

  static create(configs: readonly InboundNodeConfig[], logger: Logger): InboundPoolResult {
    const seen = new Set<string>();
    for (const config of configs) {
      if (config.name === '') return { ok: false, message: 'a FreeSWITCH node has an empty name; give every node a unique name.' };
      if (seen.has(config.name)) {
        return { ok: false, message: `FreeSWITCH node name ${JSON.stringify(config.name)} is used twice; node names must be unique.` };
      }
      seen.add(config.name);
    }
    return { ok: true, pool: new InboundPool(configs.map((config) => new InboundNode(config, logger))) };
  }

  node(name: string): InboundNode | undefined {
    return this.nodes.get(name);
  }

  get names(): readonly string[] {
    return [...this.nodes.keys()];
  }

  start(): void {
    for (const node of this.nodes.values()) node.start();
  }

  stop(): void {
    for (const node of this.nodes.values()) node.stop();
  }
}
