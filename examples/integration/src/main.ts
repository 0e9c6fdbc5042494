// A small integration: with an API key it lists the review queue, approves the first waiting draft while
// moving the person to "qualified lead", and receives the signed webhook that says the approval stands.
//
//   COUNTERSIGN_URL=http://localhost:8080 COUNTERSIGN_API_KEY=cs_live_… pnpm --filter integration-example start
//
// The key needs the ADMIN role here only because the program registers its own webhook; an integration whose
// webhook an admin set up in the web app can run with a REVIEWER key.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Webhook } from 'standardwebhooks';
import type { DraftStatus, WebhookEvent } from './gql/graphql.js';
import { Approve, DeleteWebhook, SaveWebhook, WaitingDrafts } from './operations.js';

const baseUrl = (process.env.COUNTERSIGN_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
const apiKey = process.env.COUNTERSIGN_API_KEY;
/** Where Countersign can reach this program's receiver; it listens on this host at a free port. */
const receiverHost = process.env.WEBHOOK_RECEIVER_HOST ?? '127.0.0.1';
const waitSeconds = Number(process.env.WEBHOOK_WAIT_SECONDS ?? 60);

/** One GraphQL request with the key; a transport or GraphQL error ends the program with its message. */
async function request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: Array<{ message: string }> };
  if (!response.ok || body.errors || !body.data) {
    throw new Error(`GraphQL ${response.status}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return body.data;
}

/** A typed error from a mutation's result union, as an Error naming it. */
function refused(operation: string, result: { __typename: string; message?: string }): Error {
  return new Error(`${operation}: ${result.__typename}${result.message ? `: ${result.message}` : ''}`);
}

/** A verified webhook event, as docs/integrations.md describes it; `type` is a WebhookEvent value. */
interface WebhookEventBody {
  id: string;
  type: WebhookEvent | 'WEBHOOK_TEST';
  timestamp: string;
  /** DRAFT_* events carry the draft, with the fields the GraphQL Draft type names. */
  data: { draft?: { id: string; status: DraftStatus; finalBubbles: string[] } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * An HTTP receiver that verifies each POST with the Standard Webhooks library (signature and timestamp) and
 * answers 204, de-duplicating by event id: a retried event is delivered again with the same id.
 */
function startReceiver() {
  let verifier: Webhook | null = null;
  const seen = new Set<string>();
  const waiting: Array<(event: WebhookEventBody) => void> = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (!verifier) return res.writeHead(503).end();
    let event: WebhookEventBody;
    try {
      event = verifier.verify(body, req.headers as Record<string, string>) as WebhookEventBody;
    } catch (error) {
      console.error(`refused a webhook that failed verification: ${(error as Error).message}`);
      return res.writeHead(400).end();
    }
    res.writeHead(204).end();
    if (seen.has(event.id)) return;
    seen.add(event.id);
    console.log(`webhook ${event.type} ${event.id}`);
    for (const listener of waiting) listener(event);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, receiverHost, () => resolve((server.address() as AddressInfo).port)),
      ),
    trust: (secret: string) => {
      verifier = new Webhook(secret);
    },
    /** The first event (from now on) that `match` accepts, or an error after `waitSeconds`. */
    next: (match: (event: WebhookEventBody) => boolean) =>
      new Promise<WebhookEventBody>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching webhook within ${waitSeconds} s`)),
          waitSeconds * 1000,
        );
        waiting.push((event) => {
          if (!match(event)) return;
          clearTimeout(timer);
          resolve(event);
        });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main(): Promise<void> {
  if (!apiKey) throw new Error('Set COUNTERSIGN_API_KEY to a key made on the Integrations page (cs_live_…).');
  const receiver = startReceiver();
  const port = await receiver.listen();

  const saved = (
    await request(SaveWebhook, {
      input: {
        url: `http://${receiverHost}:${port}/countersign`,
        events: ['DRAFT_APPROVED', 'CONTACT_STATUS_CHANGED'],
      },
    })
  ).saveWebhook;
  if (saved.__typename !== 'SaveWebhookSuccess') throw refused('saveWebhook', saved);
  if (!saved.secret) throw new Error('saveWebhook returned no secret for a new webhook');
  receiver.trust(saved.secret);
  console.log(`webhook ${saved.webhook.id} → ${saved.webhook.url}`);

  try {
    const { reviewQueue } = await request(WaitingDrafts, { first: 10 });
    console.log(`${reviewQueue.edges.length} draft(s) waiting`);
    for (const { node } of reviewQueue.edges) {
      console.log(`- ${node.contact.displayName} (${node.contact.customerStatus}): ${node.inboundText}`);
    }
    const draft = reviewQueue.edges[0]?.node;
    if (!draft) return;

    const approved = receiver.next((e) => e.type === 'DRAFT_APPROVED' && e.data.draft?.id === draft.id);
    const { approveDraft } = await request(Approve, {
      input: { draftId: draft.id, claim: true, bubbles: draft.bubbles, customerStatus: 'LEAD_QUALIFIED' },
    });
    if (approveDraft.__typename !== 'ApproveDraftSuccess') throw refused('approveDraft', approveDraft);
    console.log(
      `approved ${approveDraft.draft.id} for ${draft.contact.displayName}: ${approveDraft.draft.finalBubbles.join(' / ')}`,
    );
    const event = await approved;
    console.log(`confirmed by webhook ${event.id}: draft ${event.data.draft?.id} is ${event.data.draft?.status}`);
  } finally {
    await request(DeleteWebhook, { id: saved.webhook.id });
    await receiver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
