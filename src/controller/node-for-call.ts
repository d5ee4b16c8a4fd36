// Which FreeSWITCH node a caller's outbound socket comes from, so that its agents are originated
// and bridged on that same node: the node named like the switch (FreeSWITCH-Switchname or
// -Hostname in the channel data), else the node at the switch's address, else the only node.
import type { ChannelData } from '../freeswitch/index.js';

export interface NamedNode {
  readonly name: string;
  readonly host: string;
}

export function nodeForCall<N extends NamedNode>(nodes: readonly N[], channel: ChannelData): N | undefined {
  const header = (name: string): string | undefined => channel.event.get(name);
  const names = [header('FreeSWITCH-Switchname'), header('FreeSWITCH-Hostname')].filter((name) => name !== undefined);
  const byName = nodes.find((node) => names.includes(node.name));
  if (byName !== undefined) return byName;
  const address = header('FreeSWITCH-IPv4');
  const byAddress = nodes.find((node) => node.host === address);
  if (byAddress !== undefined) return byAddress;
  return nodes.length === 1 ? nodes[0] : undefined;
}
