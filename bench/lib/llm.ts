import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from './stats.js';

/**
 * A local OpenAI-compatible endpoint (`/v1/chat/completions`) that answers every call with a canned valid
 * completion after `delayMs`, as a model would take a while, and counts the calls. The refine stage gets the
 * JSON bubbles it asks for.
 */
export async function fakeModel(delayMs: number) {
  let calls = 0;
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    calls++;
    const call = JSON.parse(body) as { model: string; messages: Array<{ role: string; content: string }> };
    const refine = call.messages[0]?.content.includes('"bubbles"') ?? false;
    const content = refine
      ? JSON.stringify({ bubbles: ['Thanks for writing!', 'We will get back to you shortly.'] })
      : 'Thanks for writing! We will get back to you shortly.';
    await sleep(delayMs);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `cmpl-${calls}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: call.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 120, completion_tokens: 20, total_tokens: 140 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
