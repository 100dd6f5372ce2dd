/** Calls to the sandbox's control API from Node, trusting its self-signed certificate. */
import { request } from 'node:https';
import type { RunningSandbox } from '../src/sandbox/server/sandbox-server.js';

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** Sends JSON to `${sandbox.url}${path}` and reads the JSON answer. */
export function sandboxCall(
  sandbox: RunningSandbox,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ControlAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = request(
      `${sandbox.url}${path}`,
      {
        method,
        ca: sandbox.certificate,
        headers:
          payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: keep the text.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}
