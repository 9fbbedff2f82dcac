/** Requests to the host, each answered by exactly one reply (ok, or an error the banner shows). */
import type { HostRequest, Reply, ToHost } from '../protocol';
import { clearBanner, showBanner } from './banner';
import { clearNotice } from './notice';
import { vscodeApi } from './vscodeApi';

let nextRequestId = 1;
const pending = new Map<number, { resolve: (reply: Reply) => void; timer: ReturnType<typeof setTimeout> }>();

type RequestBody = HostRequest extends infer R ? (R extends { requestId: number } ? Omit<R, 'requestId'> : never) : never;

export function send(message: ToHost): void {
  vscodeApi.postMessage(message);
}

/** Sends a request; resolves with the host's reply (an error reply is also shown in the banner). */
export function request(body: RequestBody): Promise<Reply> {
  const requestId = nextRequestId++;
  return new Promise<Reply>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      const reply: Reply = { type: 'reply', requestId, ok: false, error: 'VS Code did not answer (the request timed out)' };
      showBanner(reply.error);
      resolve(reply);
    }, 30_000);
    pending.set(requestId, {
      timer,
      resolve: (reply) => {
        clearNotice();
        if (reply.ok) clearBanner();
        else showBanner(reply.error);
        resolve(reply);
      },
    });
    send({ ...body, requestId } as ToHost);
  });
}

/** Hands a reply to the request waiting for it (a reply nobody waits for any more is dropped). */
export function onReply(reply: Reply): void {
  const waiting = pending.get(reply.requestId);
  if (!waiting) return;
  pending.delete(reply.requestId);
  clearTimeout(waiting.timer);
  waiting.resolve(reply);
}
