// A TCP proxy between the controller and the double's inbound ESL port that can write raw bytes
// to the controller as if FreeSWITCH had sent them (a malformed frame on the event socket).
import { connect, createServer, type Socket } from 'node:net';

export interface FrameInjector {
  readonly port: number;
  /** Writes `bytes` to every controller-side connection now open; returns how many got them. */
  inject(bytes: string): number;
  close(): Promise<void>;
}

export async function startFrameInjector(targetPort: number): Promise<FrameInjector> {
  const toController = new Set<Socket>();
  const all = new Set<Socket>();
  const track = (socket: Socket): void => {
    all.add(socket);
    socket.on('close', () => all.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    toController.add(client);
    client.on('close', () => toController.delete(client));
    const upstream = connect(targetPort, '127.0.0.1');
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('frame injector: no TCP address');
  return {
    port: address.port,
    inject(bytes) {
      for (const socket of toController) socket.write(bytes);
      return toController.size;
    },
    close() {
      for (const socket of all) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
