// A TCP proxy on 127.0.0.1:0 that a test can cut (close every connection and refuse new ones)
// and restore: a database that becomes unreachable and comes back. It can also write raw bytes to
// its clients as if the target had sent them (a malformed frame from FreeSWITCH).
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  cut(): void;
  restore(): void;
  /** Writes `bytes` to every client connection now open; returns how many got them. */
  inject(bytes: string): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  let up = true;
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    clients.add(client);
    client.on('close', () => clients.delete(client));
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy: no TCP address');
  return {
    host: '127.0.0.1',
    port: address.port,
    cut() {
      up = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      up = true;
    },
    inject(bytes) {
      for (const client of clients) client.write(bytes);
      return clients.size;
    },
    close() {
      up = false;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
