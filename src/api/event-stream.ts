// GET /events: the controller's live updates as Server-Sent Events. `event: queue-event` carries
// a QueueEvent, `event: state` an EngineSnapshot; a comment line every KEEPALIVE_MS keeps proxies
// from closing an idle stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlPlane, LiveUpdate } from '../controller/control-plane.js';

const KEEPALIVE_MS = 15_000;

export const SSE_EVENT_NAMES = { event: 'queue-event', state: 'state' } as const;

export function formatLiveUpdate(update: LiveUpdate): string {
  const name = SSE_EVENT_NAMES[update.kind];
  const data = update.kind === 'event' ? update.event : update.snapshot;
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Open streams, so closing the server can end them. */
export class EventStreams {
  private readonly open = new Set<() => void>();

  serve(request: IncomingMessage, response: ServerResponse, controlPlane: ControlPlane): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': lineup live updates\n\n');
    const unsubscribe = controlPlane.subscribe((update) => response.write(formatLiveUpdate(update)));
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
    const end = (): void => {
      clearInterval(keepalive);
      unsubscribe();
      this.open.delete(end);
      response.end();
    };
    this.open.add(end);
    request.on('close', end);
  }

  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
