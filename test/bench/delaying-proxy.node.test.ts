/**
 * The bench's delaying proxy adds what it claims: a round trip for the TCP handshake and one per exchange, its
 * bandwidth, and TCP slow start on a fresh connection; and nothing on loopback. Measured through it against a
 * local TCP server that echoes, or answers `send <n>` with n bytes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { NetworkLink, startDelayingProxy, type DelayingProxy } from '../../bench/delaying-proxy.js';
import { PROFILES, type NetworkProfile } from '../../bench/network-profiles.js';

const profile = (changes: Partial<NetworkProfile>): NetworkProfile => ({ ...PROFILES.loopback, ...changes });

let server: Server;
let proxy: DelayingProxy;
const link = new NetworkLink(PROFILES.loopback);

before(async () => {
  server = createServer({ noDelay: true }, (socket) => {
    let uploadLeft: number | undefined;
    socket.on('data', (data: Buffer) => {
      const text = data.toString('latin1');
      const asked = /^send (\d+)\n/.exec(text);
      const upload = /^upload (\d+)\n/.exec(text);
      if (uploadLeft === undefined && asked) socket.write(Buffer.alloc(Number(asked[1]), 120));
      else if (uploadLeft !== undefined || upload) {
        // An upload: its size, then the bytes; "ok" once they have all come.
        uploadLeft = (uploadLeft ?? Number(upload![1]) + upload![0].length) - data.length;
        if (uploadLeft <= 0) {
          uploadLeft = undefined;
          socket.write('ok');
        }
      } else socket.write(data);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy = await startDelayingProxy({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }, link);
});
after(async () => {
  await proxy.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Connects to the proxy (not waiting: on loopback the connect is instant, the handshake is the proxy's to play). */
function open(): Socket {
  return connect({ host: '127.0.0.1', port: proxy.port, noDelay: true });
}

/** Writes `message` and resolves with the ms until `expected` bytes have come back. */
function exchange(socket: Socket, message: string | Buffer, expected: number, since = performance.now()) {
  return new Promise<number>((resolve, reject) => {
    let got = 0;
    const onData = (data: Buffer) => {
      got += data.length;
      if (got < expected) return;
      socket.off('data', onData);
      resolve(performance.now() - since);
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(message);
  });
}

/** Generous for a shared machine, yet tight enough that one round trip too many or too few fails. */
function assertAbout(measured: number, expected: number, what: string): void {
  assert.ok(measured >= expected - 3, `${what}: ${measured.toFixed(1)} ms, expected at least ${expected} ms`);
  assert.ok(measured < expected * 1.4 + 20, `${what}: ${measured.toFixed(1)} ms, expected about ${expected} ms`);
}

describe('bench: delaying proxy', () => {
  it('adds one round trip for the TCP handshake and one per exchange', async () => {
    link.use(profile({ rttMs: 100 }));
    const socket = open();
    try {
      assertAbout(await exchange(socket, 'ping', 4), 200, 'connect, then a first exchange');
      assertAbout(await exchange(socket, 'pong', 4), 100, 'an exchange on an open connection');
    } finally {
      socket.destroy();
    }
  });

  it('adds nothing on loopback', async () => {
    link.use(PROFILES.loopback);
    const socket = open();
    try {
      const took = await exchange(socket, 'send 200000\n', 200_000);
      assert.ok(took < 60, `200 kB over loopback took ${took.toFixed(1)} ms`);
    } finally {
      socket.destroy();
    }
  });

  it('paces each direction to its bandwidth', async () => {
    link.use(profile({ downBytesPerMs: 100, upBytesPerMs: 50 }));
    const socket = open();
    try {
      assertAbout(await exchange(socket, 'send 40000\n', 40_000), 400, '40 kB down at 100 bytes/ms');
      const upload = Buffer.concat([Buffer.from('upload 10000\n'), Buffer.alloc(10_000, 120)]);
      assertAbout(await exchange(socket, upload, 2), 200, '10 kB up at 50 bytes/ms');
    } finally {
      socket.destroy();
    }
  });

  it('makes a fresh connection grow its window a round trip at a time (slow start)', async () => {
    link.use(profile({ rttMs: 100, initialWindowBytes: 14_600 }));
    // Each on a fresh connection: the handshake, the request, then the first 14,600 bytes in one round trip and
    // the next 29,200 in a second.
    const within = open();
    try {
      assertAbout(await exchange(within, 'send 14600\n', 14_600), 200, 'one window');
    } finally {
      within.destroy();
    }
    const beyond = open();
    try {
      assertAbout(await exchange(beyond, 'send 43800\n', 43_800), 300, 'three windows’ worth');
    } finally {
      beyond.destroy();
    }
  });
});
