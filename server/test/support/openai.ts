import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** One chat completion request as the `openai` client sends it. */
export interface ChatCall {
  model: string;
  temperature: number;
  messages: Array<{ role: string; content: string }>;
  /** Set by structured-output calls (profile extraction: json_schema named profile_update). */
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
}

/** A profile extraction call, as opposed to the draft and refine stages. */
export const isExtraction = (call: ChatCall) => call.response_format?.json_schema?.name === 'profile_update';

/** A valid extraction answer that changes nothing, for tests about other stages. */
export const NO_PROFILE_UPDATE = JSON.stringify({ preferences: [], mood: null, summary: null });

/** Tokens a reply reports: the prompt's (`cached` of them from the cache, when given) and the completion's. */
export interface Usage {
  prompt: number;
  completion: number;
  cached?: number;
}

/** What the fake model answers to one call: a reply with the usage it reports, or a refusal (HTTP 400). */
export type ChatReply = { content: string; usage: Usage } | { error: string };

/**
 * A local OpenAI-compatible endpoint, so the real `openai` client talks HTTP to it. `reply` decides each
 * answer (and may hold it back); other paths get 404.
 */
export function fakeOpenAi(
  reply: (call: ChatCall) => ChatReply | Promise<ChatReply>,
): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const call = JSON.parse(body) as ChatCall;
    const answer = await reply(call);
    if ('error' in answer) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: answer.error, type: 'invalid_request_error' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'cmpl-1',
        object: 'chat.completion',
        created: 1,
        model: call.model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer.content }, finish_reason: 'stop' }],
        usage: {
          prompt_tokens: answer.usage.prompt,
          completion_tokens: answer.usage.completion,
          total_tokens: answer.usage.prompt + answer.usage.completion,
          ...(answer.usage.cached === undefined
            ? {}
            : { prompt_tokens_details: { cached_tokens: answer.usage.cached } }),
        },
      }),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    ),
  );
}

/** `fakeOpenAi` for a describe block: listening before its first test (at `.url`), closed after its last. */
export function useFakeOpenAi(reply: (call: ChatCall) => ChatReply | Promise<ChatReply>): { url: string } {
  const endpoint = { url: '' };
  let server: Server | undefined;
  beforeAll(async () => {
    const started = await fakeOpenAi(reply);
    server = started.server;
    endpoint.url = started.url;
  });
  afterAll(() => {
    server?.close();
  });
  return endpoint;
}
