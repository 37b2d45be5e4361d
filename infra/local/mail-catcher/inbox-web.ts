/**
 * The catcher's web inbox (Korean UI) and JSON API over node:http:
 *   GET /                    받은 편지함 (list)
 *   GET /messages/:id        one message; its HTML body in a sandboxed iframe (srcdoc), text in <pre>
 *   GET /api/messages        { messages: CaughtMessage[] }, newest first; `?messageId=<id>` only that
 *                            message (how a crashed job's recovery asks whether its mail got through)
 *   GET /api/messages/:id    CaughtMessage
 *   DELETE /api/messages     empties the inbox
 * Mail HTML is untrusted: it is only ever shown escaped or inside a sandbox without scripts, and the
 * page's CSP (inherited by the srcdoc frame) blocks every remote load.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '#shared/mail/mail-content.ts';
import { formatKoreanDateTime } from '#shared/domain/korea-time.ts';
import type { CaughtMessage, MessageStore } from './message-store.ts';

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

type Respond = (status: number, contentType: string, body: string, headers?: Record<string, string>) => void;

export function createInboxRequestHandler(store: MessageStore) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const respond: Respond = (status, contentType, body, headers = {}) => {
      response.writeHead(status, {
        'content-type': contentType,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        ...headers,
      });
      response.end(body);
    };
    route(store, request, respond).catch((error: unknown) => {
      respond(
        500,
        'application/json; charset=utf-8',
        JSON.stringify({ error: 'InternalError', message: (error as Error).message }),
      );
    });
  };
}

async function route(store: MessageStore, request: IncomingMessage, respond: Respond): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = request.method ?? 'GET';
  const json = (status: number, body: unknown) =>
    respond(status, 'application/json; charset=utf-8', JSON.stringify(body));
  const html = (status: number, body: string) => respond(status, 'text/html; charset=utf-8', body);
  const notAllowed = (allow: string) =>
    respond(405, 'application/json; charset=utf-8', JSON.stringify({ error: 'MethodNotAllowed', allow }), { allow });
  const newestFirst = () => [...store.list()].reverse();

  if (path === '/api/messages') {
    const messageId = url.searchParams.get('messageId');
    if (method === 'GET')
      return json(200, {
        messages: messageId === null ? newestFirst() : newestFirst().filter((m) => m.messageId === messageId),
      });
    if (method === 'DELETE') {
      await store.clear();
      return respond(204, 'text/plain; charset=utf-8', '');
    }
    return notAllowed('GET, DELETE');
  }
  const apiMessage = /^\/api\/messages\/([^/]+)$/.exec(path);
  if (apiMessage) {
    if (method !== 'GET') return notAllowed('GET');
    const message = store.get(decodeURIComponent(apiMessage[1] ?? ''));
    return message ? json(200, message) : json(404, { error: 'NotFound', message: '그런 메일이 없습니다.' });
  }
  if (path === '/') {
    if (method !== 'GET') return notAllowed('GET');
    return html(200, inboxPage(newestFirst()));
  }
  const pageMessage = /^\/messages\/([^/]+)$/.exec(path);
  if (pageMessage) {
    if (method !== 'GET') return notAllowed('GET');
    const message = store.get(decodeURIComponent(pageMessage[1] ?? ''));
    return message
      ? html(200, messagePage(message))
      : html(404, page('메일 없음', '<p>그런 메일이 없습니다. <a href="/">받은 편지함</a></p>'));
  }
  return json(404, { error: 'NotFound', message: `${method} ${path} is not a route of the mail catcher` });
}

function addresses(list: CaughtMessage['to']): string {
  return list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

function page(title: string, body: string, head = ''): string {
  return [
    '<!doctype html>',
    '<html lang="ko"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} — 로컬 메일함</title>`,
    head,
    '<style>body{font-family:"Malgun Gothic","Apple SD Gothic Neo",sans-serif;margin:24px;color:#222}',
    'table{border-collapse:collapse;width:100%}th,td{padding:6px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}',
    'th{background:#f4f4f4}iframe{width:100%;height:60vh;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f8f8f8;padding:12px}',
    'dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:bold}</style>',
    '</head><body>',
    body,
    '</body></html>',
  ].join('\n');
}

function inboxPage(messages: CaughtMessage[]): string {
  const rows = messages.map(
    (m) =>
      `<tr><td>${escapeHtml(addresses(m.from))}</td><td>${escapeHtml(addresses(m.to))}</td>` +
      `<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || '(제목 없음)')}</a></td>` +
      `<td>${escapeHtml(formatKoreanDateTime(new Date(m.receivedAt)))}</td></tr>`,
  );
  const table =
    messages.length === 0
      ? '<p>받은 메일이 없습니다.</p>'
      : `<table><thead><tr><th>보낸 사람</th><th>받는 사람</th><th>제목</th><th>받은 시각</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
  // Refreshes itself so mail sent by a job shows up without a click.
  return page(
    '받은 편지함',
    `<h1>받은 편지함 (${messages.length})</h1>\n${table}`,
    '<meta http-equiv="refresh" content="10">',
  );
}

function messagePage(message: CaughtMessage): string {
  // Links open in a new tab (allow-popups); no allow-scripts and no allow-same-origin, so the mail cannot run code or reach this page.
  const frame =
    message.html === null
      ? ''
      : `<h2>HTML 본문</h2>\n<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" title="HTML 본문" srcdoc="${escapeHtml(`<base target="_blank">${message.html}`)}"></iframe>`;
  return page(
    message.subject || '(제목 없음)',
    [
      '<p><a href="/">← 받은 편지함</a></p>',
      `<h1>${escapeHtml(message.subject || '(제목 없음)')}</h1>`,
      '<dl>',
      `<dt>보낸 사람</dt><dd>${escapeHtml(addresses(message.from))}</dd>`,
      `<dt>받는 사람</dt><dd>${escapeHtml(addresses(message.to))}</dd>`,
      `<dt>봉투 수신자</dt><dd>${escapeHtml(message.envelope.to.join(', '))}</dd>`,
      `<dt>받은 시각</dt><dd>${escapeHtml(formatKoreanDateTime(new Date(message.receivedAt)))}</dd>`,
      `<dt>Message-ID</dt><dd>${escapeHtml(message.messageId ?? '')}</dd>`,
      '</dl>',
      frame,
      '<h2>텍스트 본문</h2>',
      `<pre>${escapeHtml(message.text)}</pre>`,
    ].join('\n'),
  );
}
