/**
 * The leak test (공익신고자 보호법 제12조): a whistleblower report registered with a distinctive
 * reporter name and phone is driven through its lifecycle, the morning reminders, search, both
 * exports, the office report, history and as-of views and a committee meeting's views (the report's
 * own lifecycle sends it to no committee, so its agenda shows other cases), as every role. The name
 * and phone never appear in any response body, any mail in the catcher or anything the server writes to its log —
 * except the one response a custodian-approved handler gets, and that read is in the chain.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { freePort } from '../../infra/local/dynamodb-local.ts';
import { startLocalSystem, type LocalSystem } from '../../infra/local/local-system.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { ROLES, type Role } from '#shared/domain/roles.ts';

const NAME = '황보팔룡';
const PHONE = '010-7777-1357';
const SECRETS = [NAME, '황보 팔룡', '7777-1357', '77771357', 'palryong'];
const REPORTER = {
  name: NAME,
  phone: PHONE,
  email: 'palryong@example.kr',
  address: '서울특별시 영등포구 선유로 77',
  relationship: '같은 과 직원',
  consentToDisclosure: false,
};

let system: LocalSystem;
const logged: string[] = [];
const restore: (() => void)[] = [];
/** Every response body the test saw, by who asked what; the one allowed to carry the identity is marked. */
const seen: { who: Role; what: string; body: string; allowed?: true }[] = [];

function capture(stream: NodeJS.WriteStream) {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  restore.push(() => {
    stream.write = write as typeof stream.write;
  });
}

beforeAll(async () => {
  // The server runs in this process: whatever it logs goes through these streams or the console.
  capture(process.stdout);
  capture(process.stderr);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    };
    restore.push(() => {
      console[level] = original;
    });
  }
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('the global test setup did not start DynamoDB Local');
  system = await startLocalSystem({
    tableName: `leak-${randomUUID()}`,
    apiPort: await freePort(),
    dynamoEndpoint: endpoint,
    mailCatcher: {},
    scheduler: { runLoop: false },
    log: (line) => console.log(line),
  });
});

afterAll(async () => {
  await system?.close();
  for (const undo of restore) undo();
});

const tokens = new Map<Role, string>();
async function tokenOf(role: Role) {
  let token = tokens.get(role);
  if (!token) {
    const u = DEMO_USERS[role];
    token = await system.issuer.mint({ sub: u.sub, email: u.email, name: u.name, roles: u.roles });
    tokens.set(role, token);
  }
  return token;
}

async function call(as: Role, method: string, path: string, body?: unknown, options: { allowed?: true } = {}) {
  const res = await fetch(`${system.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(as)}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  seen.push({ who: as, what: `${method} ${path}`, body: text, ...(options.allowed && { allowed: true }) });
  const json = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  })();
  return { status: res.status, text, json };
}

const found = (text: string) => SECRETS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

async function openTask(as: Role, caseId: string) {
  await system.stepFunctions.settle();
  const res = await call(as, 'GET', '/me/tasks');
  return (res.json.items as { taskId: string; caseId: string; type: string }[]).find((t) => t.caseId === caseId);
}

/** 08:30 Korea time on the first business day at least a week from now: the open tasks are overdue by then. */
function aMorningNextWeek(): Date {
  const calendar = createCalendar();
  let day = Date.parse(`${koreaDate(new Date())}T00:00:00Z`) + 7 * 86_400_000;
  while (!calendar.isBusinessDay(new Date(day).toISOString().slice(0, 10))) day += 86_400_000;
  return new Date(`${new Date(day).toISOString().slice(0, 10)}T08:30:00+09:00`);
}

describe('a reporter identity never leaks', () => {
  let caseId: string;
  const today = koreaDate(new Date());
  const title = '구청 청소 용역 대금 부당 지급 공익신고';

  it('drives the report through intake, custodian access, reminders, every view as every role, and closure', async () => {
    // A clerk who types the name into the summary is refused, and the refusal does not repeat it.
    const refused = await call('clerk', 'POST', '/cases', {
      kind: 'whistleblower-report',
      title,
      summary: `신고자 ${NAME}(${PHONE})가 제보`,
      reporter: REPORTER,
    });
    expect(refused.status).toBe(400);

    const created = await call('head', 'POST', '/cases', {
      kind: 'whistleblower-report',
      title,
      summary: '용역 대금 과다 지급 의혹, 증거 자료 3건',
      department: '청소행정과',
      assigneeSub: DEMO_USERS.investigator.sub,
      reporter: REPORTER,
    });
    expect(created.status).toBe(201);
    caseId = created.json.case.caseId;
    const caseNumber: string = created.json.case.caseNumber;

    // The handler asks; the custodian grants; the handler reads (the only response allowed to carry the identity).
    const request = await call('investigator', 'POST', `/cases/${caseId}/identity/requests`, {
      reason: '보완요구를 신고자에게 보내야 함',
    });
    expect(request.status).toBe(201);
    const pending = await call('custodian', 'GET', '/identity-requests');
    expect(pending.json.items[0]).toMatchObject({ caseNumber });
    const grant = await call(
      'custodian',
      'POST',
      `/cases/${caseId}/identity/requests/${request.json.requestId}/decision`,
      {
        decision: 'grant',
        reason: '보완요구 통지 목적으로 승인',
        days: 2,
      },
    );
    expect(grant.status).toBe(200);
    const read = await call('investigator', 'GET', `/cases/${caseId}/identity`, undefined, { allowed: true });
    expect(read.status).toBe(200);
    expect(read.json.reporter.name).toBe(NAME);

    // A committee meeting next week: its agenda and its notices are views too.
    const meetingDay = koreaDate(aMorningNextWeek());
    const meeting = await call('secretary', 'POST', '/committees/personnel/meetings', {
      scheduledAt: `${meetingDay}T10:00:00+09:00`,
      place: '구청 본관 3층 소회의실',
    });
    expect(meeting.status, meeting.text).toBe(201);
    const meetingId: string = meeting.json.meeting.meetingId;

    // Morning reminders: the investigation task is overdue a week from now; the digest goes to the catcher.
    await system.stepFunctions.settle();
    // The scheduler's first tick only fixes where it starts; the next one fires what fell due since.
    await system.scheduler!.tick(new Date());
    const fired = await system.scheduler!.tick(new Date(aMorningNextWeek().getTime() + 10_000));
    expect(fired.find((run) => run.schedule === 'deadline-reminders')).toMatchObject({ outcome: 'succeeded' });
    expect(system.mailCatcher!.messages().length).toBeGreaterThan(0);

    // Every view, as every role (many are refused — a refusal must not leak either).
    const views = [
      `/cases/${caseId}`,
      `/cases/${caseId}?asOf=${today}`,
      `/cases/${caseId}/history`,
      `/cases/${caseId}/tasks`,
      `/cases/${caseId}/verify`,
      `/cases/${caseId}/identity/requests`,
      `/cases/${caseId}/identity`,
      `/cases/search?q=${encodeURIComponent('청소 용역')}`,
      `/cases/search?q=${encodeURIComponent(NAME)}`,
      `/cases/search?kind=whistleblower-report`,
      `/cases/export?format=csv&kind=whistleblower-report`,
      `/cases/export?format=json&kind=whistleblower-report`,
      `/cases/${caseId}/history/export?format=csv`,
      `/cases/${caseId}/history/export?format=json`,
      `/reports/office?from=${today.slice(0, 4)}-01-01&to=${today}`,
      `/reports/office?from=${today.slice(0, 4)}-01-01&to=${today}&format=md`,
      '/me/tasks',
      '/me/cases',
      '/identity-requests',
      '/exports',
      '/committees',
      '/committees/personnel/meetings',
      `/meetings/${meetingId}`,
    ];
    for (const role of ROLES) {
      for (const path of views) {
        // The granted handler reading the identity again is allowed — and recorded like the first read.
        const granted = role === 'investigator' && path === `/cases/${caseId}/identity`;
        const res = await call(role, 'GET', path, undefined, granted ? { allowed: true } : {});
        expect(res.status, `${role} GET ${path}`).toBeLessThan(500);
      }
    }
    // Search by the reporter's name finds nothing, for anyone.
    for (const entry of seen.filter((s) => s.what.includes(encodeURIComponent(NAME)) && s.what.includes('search'))) {
      if (entry.body.startsWith('{"items"')) expect(JSON.parse(entry.body).items).toEqual([]);
    }

    // Through the rest of its lifecycle: protection notice, screening, investigation, result notice, closure.
    const steps: [string, Record<string, unknown>][] = [
      ['whistleblower-protection-notice', { decision: 'send-protection-notice', sentOn: today, method: '문서' }],
      ['whistleblower-screening', { decision: 'start-investigation', decidedOn: today }],
      [
        'whistleblower-investigation',
        {
          decision: 'finish-investigation',
          endedOn: today,
          findings: '용역 대금 과다 지급 확인',
          violationFound: true,
        },
      ],
      [
        'whistleblower-result-notice',
        {
          decision: 'notify-result',
          measures: '환수 및 주의 처분',
          notifiedOn: today,
          protectionNoticeOn: today,
          protectionNoticeMethod: '문서',
        },
      ],
    ];
    for (const [type, form] of steps) {
      const task = await openTask('investigator', caseId);
      expect(task?.type).toBe(type);
      const done = await call('investigator', 'POST', `/cases/${caseId}/tasks/${task!.taskId}/complete`, form);
      expect(done.status, done.text).toBe(200);
    }
    await system.stepFunctions.settle();
    for (const role of ROLES) {
      await call(role, 'GET', `/cases/${caseId}`);
      await call(role, 'GET', `/cases/${caseId}/history`);
    }
    const closed = await call('auditor', 'GET', `/cases/${caseId}`);
    expect(closed.json.stage).toBe('closed');
  }, 180_000);

  it('found the identity in no response but the granted read, in no mail and in no log line', () => {
    const leaked = seen.filter((s) => !s.allowed && found(s.body).length > 0).map((s) => `${s.who} ${s.what}`);
    expect(leaked).toEqual([]);
    expect(seen.filter((s) => s.allowed).every((s) => found(s.body).length > 0)).toBe(true);
    expect(seen.length).toBeGreaterThan(ROLES.length * 20);

    const mail = system.mailCatcher!.messages();
    expect(mail.length).toBeGreaterThan(0);
    expect(found(JSON.stringify(mail))).toEqual([]);

    expect(logged.length).toBeGreaterThan(0);
    expect(found(logged.join(''))).toEqual([]);
  });

  it('has the custodian’s grant and the handler’s read in the verified chain, by who did them', async () => {
    const reads = seen.filter((s) => s.allowed).length;
    expect(reads).toBe(2);
    const history = await call('auditor', 'GET', `/cases/${caseId}/history?type=IDENTITY_READ`);
    expect(history.json.verification.ok).toBe(true);
    expect(history.json.events).toHaveLength(reads);
    for (const event of history.json.events) expect(event.actor.sub).toBe(DEMO_USERS.investigator.sub);
    const requests = await call('auditor', 'GET', `/cases/${caseId}/identity/requests`);
    expect(requests.json.items).toMatchObject([
      {
        requesterSub: DEMO_USERS.investigator.sub,
        status: 'granted',
        reads,
        decision: { by: DEMO_USERS.custodian.sub },
      },
    ]);
  });
});
