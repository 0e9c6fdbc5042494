import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFragmentData } from '../../../client/src/gql/fragment-masking.js';
import { SaveWebhookDocument, WebhookFieldsFragmentDoc, WebhooksDocument } from '../../../client/src/gql/graphql.js';
import { loadConfig } from '../../src/config.js';
import { allowList, permittedAddresses, type Resolve } from '../../src/webhooks/address.js';
import { postSigned } from '../../src/webhooks/send.js';
import { newWebhookSecret } from '../../src/webhooks/sign.js';
import { expectTypename } from '../support/graphql.js';
import { useApp } from '../support/harness.js';
import { type Receiver, startReceiver } from '../support/receiver.js';
import { servicesAvailable } from '../support/services.js';

const mode = servicesAvailable ? 'services' : 'embedded';

/** A resolver standing in for DNS: names map to the addresses a test gives them. */
const fakeDns =
  (table: Record<string, string[]>): Resolve =>
  async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const REFUSED = [
  'http://127.0.0.1:8080/hooks',
  'http://10.1.2.3/hooks',
  'http://172.16.0.9/hooks',
  'http://192.168.1.10/hooks',
  'http://169.254.169.254/latest/meta-data',
  'http://100.64.0.1/hooks',
  'http://0.0.0.0/hooks',
  'http://[::1]/hooks',
  'http://[fd00::1]/hooks',
  'http://[fe80::1]/hooks',
  'http://[::ffff:127.0.0.1]/hooks',
  'http://localhost:8080/hooks',
];

describe('webhook addresses: private, loopback and link-local ones are refused', () => {
  it('permits public addresses only, unless WEBHOOK_ALLOWED_HOSTS lists the host, the address or its range', async () => {
    const none = allowList([]);
    const dns = fakeDns({
      'hooks.example.com': ['93.184.216.34'],
      'internal.example.com': ['10.0.0.7'],
      'mixed.example.com': ['10.0.0.7', '93.184.216.34'],
      'v6.example.com': ['2606:4700::1111'],
    });
    const url = (s: string) => new URL(s);
    expect(await permittedAddresses(url('https://hooks.example.com/x'), none, dns)).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
    expect(await permittedAddresses(url('https://v6.example.com/x'), none, dns)).toHaveLength(1);
    // Only the public address of a name is connected to.
    expect(await permittedAddresses(url('https://mixed.example.com/x'), none, dns)).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
    await expect(permittedAddresses(url('https://internal.example.com/x'), none, dns)).rejects.toThrow(
      /internal\.example\.com \(10\.0\.0\.7\): it is not a public address/,
    );
    for (const refused of REFUSED.filter((u) => !u.includes('localhost'))) {
      await expect(permittedAddresses(url(refused), none, dns), refused).rejects.toThrow(/not a public address/);
    }
    const allowed = allowList(['10.0.0.0/8', '127.0.0.1', 'internal.example.com', '::1']);
    expect(await permittedAddresses(url('https://internal.example.com/x'), allowList(['10.0.0.0/8']), dns)).toEqual([
      { address: '10.0.0.7', family: 4 },
    ]);
    expect(
      await permittedAddresses(url('https://internal.example.com/x'), allowList(['internal.example.com']), dns),
    ).toHaveLength(1);
    expect(await permittedAddresses(url('http://127.0.0.1:9/x'), allowed, dns)).toHaveLength(1);
    expect(await permittedAddresses(url('http://[::1]:9/x'), allowed, dns)).toHaveLength(1);
    await expect(permittedAddresses(url('http://127.0.0.2/x'), allowed, dns)).rejects.toThrow();
    await expect(permittedAddresses(url('http://192.168.0.1/x'), allowed, dns)).rejects.toThrow();
  });

  describe('at send time, after resolving the name', () => {
    let receiver: Receiver;
    beforeAll(async () => {
      receiver = await startReceiver([204]);
    });
    afterAll(() => receiver.close());
    const target = () => ({ url: receiver.url, secret: newWebhookSecret() });

    it('connects to the address it checked, and to nothing when the name resolves to a refused one (DNS rebinding)', async () => {
      const strict = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/unused' });
      const refused = await postSigned(strict, target(), 'evt_1', '{}');
      expect(refused).toMatchObject({ ok: false, status: null });
      expect(refused.error).toMatch(/127\.0\.0\.1: it is not a public address/);

      // A name that once looked public now answers with the loopback address: refused, nothing sent.
      const rebinding = fakeDns({ 'hooks.example.com': ['127.0.0.1'] });
      const rebound = { url: `http://hooks.example.com:${receiver.port}/hooks`, secret: newWebhookSecret() };
      expect(await postSigned(strict, rebound, 'evt_2', '{}', rebinding)).toMatchObject({ ok: false, status: null });
      expect(receiver.received).toHaveLength(0);

      // Permitted: the request goes to the resolved address (this name exists in no real DNS).
      const permissive = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: '/tmp/unused',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8',
      });
      expect(await postSigned(permissive, rebound, 'evt_3', '{"a":1}', rebinding)).toEqual({
        ok: true,
        status: 204,
        error: null,
      });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers).toMatchObject({
        host: `hooks.example.com:${receiver.port}`,
        'webhook-id': 'evt_3',
      });
    });
  });

  describe('saving (an app without WEBHOOK_ALLOWED_HOSTS)', () => {
    const app = useApp(mode);

    it('refuses each private, loopback or link-local URL with WebhookAddressRefusedError and saves nothing', async () => {
      const { admin } = app;
      for (const url of REFUSED) {
        const saved = await admin.execute(SaveWebhookDocument, { input: { url, events: ['DRAFT_QUEUED'] } });
        const refusal = expectTypename(saved.data!.saveWebhook, 'WebhookAddressRefusedError');
        expect(refusal.field, url).toBe('url');
        expect(refusal.message).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
      }
      const bad = await admin.execute(SaveWebhookDocument, {
        input: { url: 'ftp://example.com/x', events: ['DRAFT_QUEUED'] },
      });
      expect(expectTypename(bad.data!.saveWebhook, 'ValidationError').field).toBe('url');
      const noEvents = await admin.execute(SaveWebhookDocument, {
        input: { url: 'https://93.184.216.34/x', events: [] },
      });
      expect(expectTypename(noEvents.data!.saveWebhook, 'ValidationError').field).toBe('events');
      expect((await admin.execute(WebhooksDocument)).data!.webhooks).toEqual([]);

      // A public address is accepted (it is not contacted when saved).
      const ok = await admin.execute(SaveWebhookDocument, {
        input: { url: 'https://93.184.216.34/hooks', events: ['DRAFT_QUEUED'] },
      });
      const webhook = getFragmentData(
        WebhookFieldsFragmentDoc,
        expectTypename(ok.data!.saveWebhook, 'SaveWebhookSuccess').webhook,
      );
      expect(webhook.url).toBe('https://93.184.216.34/hooks');
    });
  });

  describe('saving (WEBHOOK_ALLOWED_HOSTS=localhost,10.0.0.0/8)', () => {
    const app = useApp(mode, { WEBHOOK_ALLOWED_HOSTS: 'localhost, 10.0.0.0/8' });

    it('accepts what the list permits and still refuses the rest', async () => {
      const { admin } = app;
      for (const url of ['http://localhost:8080/hooks', 'http://10.1.2.3/hooks']) {
        const saved = await admin.execute(SaveWebhookDocument, { input: { url, events: ['DRAFT_QUEUED'] } });
        expectTypename(saved.data!.saveWebhook, 'SaveWebhookSuccess');
      }
      const refused = await admin.execute(SaveWebhookDocument, {
        input: { url: 'http://192.168.1.10/hooks', events: ['DRAFT_QUEUED'] },
      });
      expectTypename(refused.data!.saveWebhook, 'WebhookAddressRefusedError');
    });
  });
});
