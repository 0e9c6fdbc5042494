import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawGraphQL } from '../support/graphql.js';
import { type Mode, useApp } from '../support/harness.js';
import { servicesAvailable } from '../support/services.js';

const modes: Mode[] = servicesAvailable ? ['embedded', 'services'] : ['embedded'];
const LIMIT = 4096;

/** Opens a graphql-ws socket with a session, acknowledged; resolves with the socket and a promise of its close. */
async function signedInSocket(url: string, token: string) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve();
    });
    socket.on('error', reject);
  });
  return { socket, closed };
}

describe.each(modes)('a WebSocket message is held to HTTP_MAX_BODY_BYTES (%s mode)', (mode) => {
  const app = useApp(mode, { HTTP_MAX_BODY_BYTES: String(LIMIT) });

  it('closes the socket that sends a larger message (1009) and keeps serving everyone else', async () => {
    const token = await app.t.login();
    const url = app.t.endpoint.wsUrl!;
    const { socket, closed } = await signedInSocket(url, token);
    const query = `{ health { state } } # ${'x'.repeat(LIMIT * 2)}`;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    expect((await closed).code).toBe(1009);

    // A message under the limit on another socket is answered.
    const other = await signedInSocket(url, token);
    const answer = new Promise<unknown>((resolve) =>
      other.socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'next') resolve(message.payload);
      }),
    );
    other.socket.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: '{ health { state } }' } }));
    expect(await answer).toEqual({ data: { health: { state: expect.any(String) } } });
    other.socket.close();
    expect((await rawGraphQL(app.t.endpoint, '{ health { state } }')).data).toBeTruthy();
  });
});
