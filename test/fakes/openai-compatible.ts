/**
 * A fake OpenAI-compatible chat-completions server (POST {base}/chat/completions, Bearer key,
 * `choices[0].message.content`), as the private DeepSeek / Qwen deployments serve it. The test
 * says what the model answers; the fake records every request it received.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; response_format?: { json_schema?: { schema?: unknown } } };
}

export interface FakeModel {
  /** e.g. http://127.0.0.1:41234/v1 */
  base: string;
  requests: ChatRequest[];
  /** What the assistant's message content is for the next requests. */
  answer: (req: ChatRequest) => string;
  /** Milliseconds to wait before answering. */
  delayMs: number;
  close(): Promise<void>;
}

const KEY = 'test-key';
export const FAKE_MODEL_KEY = KEY;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export async function startFakeModel(): Promise<FakeModel> {
  let server: Server;
  const fake: FakeModel = {
    base: '',
    requests: [],
    answer: () => JSON.stringify({ command: '' }),
    delayMs: 0,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const request: ChatRequest = { path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) as ChatRequest['body'] };
    fake.requests.push(request);
    if (req.method !== 'POST' || request.path !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    if (request.authorization !== `Bearer ${KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'invalid api key', type: 'invalid_request_error' } }));
      return;
    }
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${fake.requests.length}`,
        object: 'chat.completion',
        created: 0,
        model: request.body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: fake.answer(request) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
