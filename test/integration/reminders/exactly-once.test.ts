/**
 * Exactly once under failure, against DynamoDB Local and the real mail catcher.
 *
 * The crash harness plays a process that dies at its k-th I/O call: that call (DynamoDB or SMTP)
 * fails — or, in "after" mode, completes and then the process dies — and every later call fails
 * too, so no clean-up code of the dying run gets to do anything. The run is repeated with k = 1, 2,
 * 3, … (each attempt one lease later, as the scheduler's retries would come) until one gets through,
 * then a healthy process runs once more. What the catcher received is then compared with what one
 * clean run would have sent.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import type { BuiltMail } from '#shared/mail/mail-content.ts';
import type { DeliveryLookup } from '#shared/mail/delivery-lookup.ts';
import { MailSendError, type Mailer } from '#shared/mail/mailer.ts';
import { ReminderStore } from '#shared/store/reminder-store.ts';
import { ReminderRunIncompleteError } from '#shared/usecases/deadline-reminders.ts';
import {
  createReminderWorld,
  LEASE_MS,
  readDigest,
  runAt,
  staffNamed,
  type OpenedTask,
  type ReminderWorld,
} from './reminder-fixture.ts';

class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

interface DeathPlan {
  /** Die at this call (1-based) … */
  at: number;
  /** … counting only calls of this kind (a DynamoDB command name or 'mail'), or every call. */
  kind?: string;
  /** Before the call takes effect, or right after it did. */
  mode: 'before' | 'after';
}

/** A process that dies at one I/O call of its run; every call after that fails as well. */
function dyingProcess(
  doc: DynamoDBDocumentClient,
  mailer: Pick<Mailer, 'send'>,
  lookup: DeliveryLookup,
  plan: DeathPlan,
) {
  let counted = 0;
  /** A mail server accepted a digest and its `sent` state has not been written yet. */
  let acceptedUnrecorded = false;
  const state = { dead: false, diedAt: '', diedWithMailAcceptedUnrecorded: false };
  const die = (kind: string) => {
    state.dead = true;
    state.diedAt = kind;
    state.diedWithMailAcceptedUnrecorded = acceptedUnrecorded;
  };
  async function io<T>(kind: string, call: () => Promise<T>): Promise<T> {
    if (state.dead) throw new SimulatedCrash('the process is gone');
    // Calls overlap (parallel queries): each keeps its own number.
    const index = plan.kind === undefined || plan.kind === kind ? ++counted : -1;
    if (index === plan.at && plan.mode === 'before') {
      die(kind);
      throw new SimulatedCrash(`died before ${kind} call ${index}`);
    }
    const result = await call();
    if (state.dead) throw new SimulatedCrash('the process died while this call was in flight');
    // Digests are worked one at a time here, so the call after a send is the one that records it.
    if (kind !== 'lookup') acceptedUnrecorded = kind === 'mail';
    if (index === plan.at && plan.mode === 'after') {
      die(kind);
      throw new SimulatedCrash(`died after ${kind} call ${index}`);
    }
    return result;
  }
  const dyingDoc = new Proxy(doc, {
    get(target, property, receiver) {
      if (property === 'send')
        return (command: Parameters<DynamoDBDocumentClient['send']>[0]) =>
          io(command.constructor.name, () => target.send(command as never));
      return Reflect.get(target, property, receiver);
    },
  });
  return {
    doc: dyingDoc,
    mailer: { send: (mail: BuiltMail) => io('mail', () => mailer.send(mail)) },
    lookup: { find: (messageId: string) => io('lookup', () => lookup.find(messageId)) },
    state,
  };
}

let world: ReminderWorld;
const tasks: Record<'A' | 'B' | 'C' | 'D' | 'E', OpenedTask> = {} as never;
const caseNo = (letter: keyof typeof tasks) => tasks[letter].caseNumber;

type Letter = keyof typeof tasks;
const NEW = '새로 기한 경과';
const STILL = '계속 기한 경과';
const HEAD = '기한 경과 3영업일 이상 보고';

/**
 * What one clean run sends on each day (the days run in this file's order: 17, 18, 21, 22, 23, 24,
 * 28, 29), as `<person> <group> <case number>` per reminder read in the mail (`caught`), and what
 * the case histories record for it, as `<person> <threshold> <case number>` (`recorded`). An
 * assignee hears of an overdue task daily; a team lead once at 75% and once overdue; the head once
 * per task, in a summary naming every long-overdue task oldest first (so the mail names more tasks
 * than it records as newly reported).
 */
function expectedOn(day: string): { caught: string[]; recorded: string[] } {
  const caught: string[] = [];
  const recorded: string[] = [];
  const thresholdOf = (label: string) =>
    label === NEW || label === STILL
      ? `overdue:${day}`
      : ({ '50% 경과': 'elapsed-50', '75% 경과': 'elapsed-75', '오늘 마감': 'due-today' } as Record<string, string>)[
          label
        ]!;
  const own = (name: string, label: string, ...letters: Letter[]) => {
    for (const l of letters) {
      caught.push(`${name} ${label} ${caseNo(l)}`);
      recorded.push(`${name} ${thresholdOf(label)} ${caseNo(l)}`);
    }
  };
  const lead = (name: string, label: string, letter: Letter, threshold: string) => {
    caught.push(`${name} ${label} ${caseNo(letter)}`);
    recorded.push(`${name} ${threshold} ${caseNo(letter)}`);
  };
  const head = (newly: Letter[], oldestFirst: Letter[]) => {
    for (const l of oldestFirst) caught.push(`김정민 ${HEAD} ${caseNo(l)}`);
    for (const l of newly) recorded.push(`김정민 head-overdue ${caseNo(l)}`);
  };
  switch (day) {
    // First run: every escalation is news. A and B have lost 3+ business days: the head's summary.
    case '2026-12-17':
      own('강민수', STILL, 'A');
      head(['A', 'B'], ['B', 'A']);
      own('신예린', STILL, 'B');
      lead('배수빈', STILL, 'B', 'escalated-overdue');
      own('박준형', STILL, 'C');
      lead('최유진', STILL, 'C', 'escalated-overdue');
      own('조현우', '50% 경과', 'D');
      own('서지원', '오늘 마감', 'E');
      break;
    // E became overdue: its assignee and team lead hear "새로"; D reached 75%: its team lead hears once.
    case '2026-12-18':
      own('강민수', STILL, 'A');
      lead('강민수', NEW, 'E', 'escalated-overdue');
      own('신예린', STILL, 'B');
      own('박준형', STILL, 'C');
      own('조현우', '75% 경과', 'D');
      lead('최유진', '75% 경과', 'D', 'escalated-75');
      own('서지원', NEW, 'E');
      break;
    // C has lost 16, 17 and 18: the head is told of it, with the others still open.
    case '2026-12-21':
      own('강민수', STILL, 'A');
      head(['C'], ['B', 'A', 'C']);
      own('신예린', STILL, 'B');
      own('박준형', STILL, 'C');
      own('조현우', '오늘 마감', 'D');
      own('서지원', STILL, 'E');
      break;
    case '2026-12-22':
      own('강민수', STILL, 'A');
      own('신예린', STILL, 'B');
      own('박준형', STILL, 'C');
      own('조현우', NEW, 'D');
      lead('최유진', NEW, 'D', 'escalated-overdue');
      own('서지원', STILL, 'E');
      break;
    // E has now lost 18, 21 and 22: the head hears of it.
    case '2026-12-23':
      own('강민수', STILL, 'A');
      head(['E'], ['B', 'A', 'C', 'E']);
      own('신예린', STILL, 'B');
      own('박준형', STILL, 'C');
      own('조현우', STILL, 'D');
      own('서지원', STILL, 'E');
      break;
    // D has lost 22 and 23 — still a day short of the head; nobody else has news.
    case '2026-12-24':
    case '2026-12-29':
      own('강민수', STILL, 'A');
      own('신예린', STILL, 'B');
      if (day === '2026-12-24') own('박준형', STILL, 'C');
      own('조현우', STILL, 'D');
      own('서지원', STILL, 'E');
      break;
  }
  return { caught: caught.sort(), recorded: recorded.sort() };
}

/** How many people get a digest on a day. */
const expectedPeopleOn = (day: string) => new Set(expectedOn(day).caught.map((line) => line.split(' ')[0])).size;

/** Reminders in these messages, counting each distinct Message-ID once (as a mailbox does). */
function remindersIn(messages: readonly CaughtMessage[]): {
  reminders: string[];
  distinct: number;
  raw: number;
  copiesDiffer: boolean;
} {
  const byId = new Map<string, CaughtMessage[]>();
  for (const message of messages)
    byId.set(message.messageId ?? message.id, [...(byId.get(message.messageId ?? message.id) ?? []), message]);
  const reminders: string[] = [];
  let copiesDiffer = false;
  for (const copies of byId.values()) {
    const digest = readDigest(copies[0]!);
    reminders.push(...digest.items.map((item) => `${digest.to} ${item}`));
    if (copies.some((c) => c.text !== copies[0]!.text || c.to[0]?.address !== copies[0]!.to[0]?.address))
      copiesDiffer = true;
  }
  return { reminders: reminders.sort(), distinct: byId.size, raw: messages.length, copiesDiffer };
}

/** MAIL_SENT events written for a run day, as `<person> <threshold> <case number>`. */
async function recordedOn(day: string): Promise<string[]> {
  const recorded: string[] = [];
  for (const task of Object.values(tasks)) {
    for (const event of await world.caseRepository.history(task.caseId)) {
      if (event.type !== 'MAIL_SENT') continue;
      const data = event.data as { runDate: string; recipient: { name: string }; reminders: { threshold: string }[] };
      if (data.runDate !== day) continue;
      for (const reminder of data.reminders)
        recorded.push(`${data.recipient.name} ${reminder.threshold} ${task.caseNumber}`);
    }
  }
  return recorded.sort();
}

const asRecorded = (day: string) => expectedOn(day).recorded;

/** Unfinished digests left anywhere (looked for with a clock far in the future). */
async function unfinishedDigests() {
  return new ReminderStore(world.table.doc, world.table.tableName).staleDigests(new Date('2030-01-01T00:00:00Z'));
}

beforeAll(async () => {
  world = await createReminderWorld();
  tasks.A = await world.openTask({
    kind: 'daily-audit',
    title: '일상감사 — 청사 보수공사 계약',
    openedAt: '2026-12-09T10:00:00+09:00',
    taskType: 'assign',
    stage: 'assignment',
    assignTo: { role: 'team-lead', team: 'audit' },
    allowedDecisions: ['assign'],
    dueInBusinessDays: 2,
  });
  tasks.B = await world.openTask({
    kind: 'grievance',
    title: '고충민원 — 버스정류장 이전 요청',
    openedAt: '2026-12-03T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('신예린').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 5,
  });
  tasks.C = await world.openTask({
    kind: 'case-review',
    title: '일반 검토 — 비공개 요청 (요청자 김철수)',
    sealed: true,
    openedAt: '2026-12-10T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('박준형').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 3,
  });
  tasks.D = await world.openTask({
    kind: 'case-review',
    title: '일반 검토 — 수시 심사',
    openedAt: '2026-12-07T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('조현우').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 10,
  });
  tasks.E = await world.openTask({
    kind: 'daily-audit',
    title: '일상감사 — 물품 구매 계약',
    openedAt: '2026-12-11T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('서지원').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 4,
  });
});

afterAll(async () => {
  await world?.close();
});

/**
 * Runs the day's job in processes that die at call 1, 2, 3, … of the plan's kind until one run
 * gets through, then once more in a healthy process.
 */
async function crashUntilDone(
  day: string,
  mode: DeathPlan['mode'],
  kind?: string,
  how: {
    lookup: boolean;
    log?: (entry: Record<string, unknown>) => void;
    /** A death before the sweep (the first process of the day, whose calls come in a fixed order). */
    first?: DeathPlan;
  } = { lookup: true },
) {
  let now = runAt(day).getTime() + 60_000;
  let crashes = 0;
  let diedWithMailAcceptedUnrecorded = 0;
  const diedAt = new Set<string>();
  const plans = (function* () {
    if (how.first) yield how.first;
    for (let at = 1; at <= 400; at++) yield { at, mode, ...(kind && { kind }) } as DeathPlan;
  })();
  for (const plan of plans) {
    const process = dyingProcess(world.table.doc, world.mailer, world.catcherLookup, plan);
    const job = world.reminderJob({
      doc: process.doc,
      mailer: process.mailer,
      deliveries: how.lookup ? process.lookup : null,
      clock: () => new Date(now),
      options: { concurrency: 1 },
      ...(how.log && { log: how.log }),
    });
    try {
      await job.run(runAt(day));
    } catch (error) {
      if (!(error instanceof SimulatedCrash)) throw error;
    }
    if (!process.state.dead) break;
    crashes += 1;
    diedAt.add(process.state.diedAt);
    if (process.state.diedWithMailAcceptedUnrecorded) diedWithMailAcceptedUnrecorded += 1;
    // The next attempt comes after the dead process's lease has ended, as a scheduler retry would.
    now += LEASE_MS + 1_000;
  }
  now += LEASE_MS + 1_000;
  await world
    .reminderJob({
      clock: () => new Date(now),
      ...(how.lookup ? {} : { deliveries: null }),
      ...(how.log && { log: how.log }),
    })
    .run(runAt(day));
  return { crashes, diedWithMailAcceptedUnrecorded, diedAt: [...diedAt].sort() };
}

/** Every kind of step the run takes: reading the index, markers and digests, claiming, advancing, sending, recording. */
const EVERY_KIND_OF_STEP = [
  'BatchGetCommand',
  'GetCommand',
  'PutCommand',
  'QueryCommand',
  'TransactWriteCommand',
  'UpdateCommand',
  'mail',
];

describe('deadline reminders — exactly once', () => {
  it('sends each reminder once when the run dies before one of its I/O calls, at call 1, 2, 3, … in turn', async () => {
    await world.catcher.clear();
    // Where a sweep's deaths fall depends on the recovery work each new process finds first, so the
    // window between the server's "accepted" and the write that records it is opened on purpose
    // once: the day's first process dies right after its first mail was accepted.
    const { crashes, diedWithMailAcceptedUnrecorded, diedAt } = await crashUntilDone(
      '2026-12-17',
      'before',
      undefined,
      {
        lookup: true,
        first: { at: 1, kind: 'mail', mode: 'after' },
      },
    );

    const caught = remindersIn(world.catcher.messages());
    expect(crashes).toBeGreaterThanOrEqual(30);
    expect(diedAt).toEqual(expect.arrayContaining(EVERY_KIND_OF_STEP));
    expect(caught.reminders).toEqual(expectedOn('2026-12-17').caught);
    // Dying between the server's "accepted" and the write that records it happened, and the recovery
    // asked the catcher before resending: nothing arrived twice.
    expect(diedWithMailAcceptedUnrecorded).toBeGreaterThan(0);
    expect(caught.raw).toBe(caught.distinct);
    expect(await recordedOn('2026-12-17')).toEqual(asRecorded('2026-12-17'));
    expect(await unfinishedDigests()).toEqual([]);
  }, 300_000);

  it('sends each reminder once when the run dies right after one of its I/O calls took effect, call after call', async () => {
    await world.catcher.clear();
    const { crashes, diedAt } = await crashUntilDone('2026-12-18', 'after');

    const caught = remindersIn(world.catcher.messages());
    expect(crashes).toBeGreaterThanOrEqual(30);
    // Which calls a pass like this one dies after depends on where the previous attempts left off;
    // dying right after each transaction in turn is covered call by call by the last test below.
    expect(diedAt).toEqual(
      expect.arrayContaining(EVERY_KIND_OF_STEP.filter((k) => k !== 'mail' && k !== 'TransactWriteCommand')),
    );
    expect(caught.reminders).toEqual(expectedOn('2026-12-18').caught);
    expect(caught.raw).toBe(caught.distinct);
    expect(await recordedOn('2026-12-18')).toEqual(asRecorded('2026-12-18'));
    expect(await unfinishedDigests()).toEqual([]);
    for (const task of Object.values(tasks)) {
      const pending = (await world.markersOf(task.caseId)).filter((m) => m.status !== 'sent');
      expect(pending).toEqual([]);
    }
  }, 300_000);

  it('without a way to ask the provider (SES), resends a digest accepted just before the process died only as the same message, and records each such resend', async () => {
    await world.catcher.clear();
    const warnings: string[] = [];
    const { crashes, diedWithMailAcceptedUnrecorded } = await crashUntilDone('2026-12-21', 'after', 'mail', {
      lookup: false,
      log: (entry) => {
        if (String(entry.message).includes('may arrive twice')) warnings.push(String(entry.digestId));
      },
    });

    const caught = remindersIn(world.catcher.messages());
    expect(crashes).toBeGreaterThanOrEqual(3);
    expect(diedWithMailAcceptedUnrecorded).toBe(crashes);
    expect(caught.raw - caught.distinct).toBe(crashes);
    // The window is on record: one warning (and one deliveryUncertain digest) per possible duplicate.
    expect(warnings).toHaveLength(crashes);
    for (const digestId of warnings)
      expect(await new ReminderStore(world.table.doc, world.table.tableName).getDigest(digestId)).toMatchObject({
        deliveryUncertain: true,
        status: 'done',
      });
    expect(caught.copiesDiffer).toBe(false);
    expect(caught.reminders).toEqual(expectedOn('2026-12-21').caught);
    expect(await recordedOn('2026-12-21')).toEqual(asRecorded('2026-12-21'));
    expect(await unfinishedDigests()).toEqual([]);
  }, 300_000);

  it('lets overlapping runs of one occurrence send each person one digest and each reminder once', async () => {
    await world.catcher.clear();
    world.setNow(runAt('2026-12-22', '08:31:00'));
    const runs = await Promise.allSettled([
      world.reminderJob().run(runAt('2026-12-22')),
      world.reminderJob().run(runAt('2026-12-22')),
      world.reminderJob({ options: { concurrency: 1 } }).run(runAt('2026-12-22')),
    ]);
    // A run that met digests another run was still sending says so, so the scheduler retries it; the retry finds all done.
    for (const run of runs)
      if (run.status === 'rejected') expect(run.reason).toBeInstanceOf(ReminderRunIncompleteError);
    const retry = await world.reminderJob().run(runAt('2026-12-22'));

    expect(retry).toMatchObject({ digestsSent: 0, heldElsewhere: 0, failed: [] });
    const caught = remindersIn(world.catcher.messages());
    expect(caught.reminders).toEqual(expectedOn('2026-12-22').caught);
    expect(caught.raw).toBe(caught.distinct);
    const recipients = world.catcher.messages().map((m) => m.to[0]?.address);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(await recordedOn('2026-12-22')).toEqual(asRecorded('2026-12-22'));
  }, 120_000);

  it('keeps the reminders of a person whose mail the server refused, and sends them when the run is retried', async () => {
    await world.catcher.clear();
    world.setNow(runAt('2026-12-23', '08:31:00'));
    const head = staffNamed('김정민');
    const refusing: Pick<Mailer, 'send'> = {
      async send(mail) {
        if (mail.to[0]?.address === head.email) {
          throw new MailSendError('421 try again later', {
            transport: 'smtp',
            transportCode: 'ECONNECTION',
            retryable: true,
            cause: new Error('421'),
          });
        }
        return world.mailer.send(mail);
      },
    };

    await expect(world.reminderJob({ mailer: refusing }).run(runAt('2026-12-23'))).rejects.toThrow(
      ReminderRunIncompleteError,
    );
    const firstAttempt = world.catcher.messages().map((m) => readDigest(m).to);
    expect(firstAttempt).not.toContain('김정민');
    expect(firstAttempt).toHaveLength(expectedPeopleOn('2026-12-23') - 1);
    // The head's report of E was released, not left claimed: the retry sends it.
    const headMarkers = (await world.markersOf(tasks.E.caseId)).filter((m) => m.recipientSub === head.sub);
    expect(headMarkers).toEqual([]);

    world.setNow(runAt('2026-12-23', '08:32:00'));
    const retry = await world.reminderJob().run(runAt('2026-12-23'));

    expect(retry).toMatchObject({ digestsSent: 1, remindersSent: 1, failed: [] });
    const caught = remindersIn(world.catcher.messages());
    expect(caught.reminders).toEqual(expectedOn('2026-12-23').caught);
    expect(caught.raw).toBe(caught.distinct);
    const headMail = world.catcher.messages().find((m) => m.to[0]?.address === head.email);
    // The same digest, taken up again: its Message-ID carries attempt 2.
    expect(headMail?.messageId).toMatch(/\.2@gamsa\.local>$/);
    expect(await recordedOn('2026-12-23')).toEqual(asRecorded('2026-12-23'));
  }, 120_000);

  it("fails a retry that comes before a dead run's lease ends (so the scheduler retries again), and finishes the dead run's digest once it has", async () => {
    await world.catcher.clear();
    const crashedAt = runAt('2026-12-24', '08:30:05').getTime();
    const dying = dyingProcess(world.table.doc, world.mailer, world.catcherLookup, {
      at: 3,
      kind: 'mail',
      mode: 'before',
    });
    await expect(
      world
        .reminderJob({
          doc: dying.doc,
          mailer: dying.mailer,
          clock: () => new Date(crashedAt),
          options: { concurrency: 1 },
        })
        .run(runAt('2026-12-24')),
    ).rejects.toThrow(SimulatedCrash);
    expect(world.catcher.messages()).toHaveLength(2);

    const tooSoon = world.reminderJob({ clock: () => new Date(crashedAt + 60_000) }).run(runAt('2026-12-24'));
    await expect(tooSoon).rejects.toThrow(ReminderRunIncompleteError);
    const heldBack = world.catcher.messages().length;

    const later = await world
      .reminderJob({ clock: () => new Date(crashedAt + LEASE_MS + 1_000) })
      .run(runAt('2026-12-24'));

    expect(heldBack).toBe(expectedPeopleOn('2026-12-24') - 1);
    // The dead run left three digests: the two it had sent, waiting to be recorded with the rest of
    // its run (one history write per case per run), and the one it died before sending.
    expect(later).toMatchObject({ recovered: 3, heldElsewhere: 0, failed: [] });
    const caught = remindersIn(world.catcher.messages());
    expect(caught.reminders).toEqual(expectedOn('2026-12-24').caught);
    expect(caught.raw).toBe(caught.distinct);
    expect(await unfinishedDigests()).toEqual([]);
  });

  it('stops reminding about a completed task', async () => {
    await world.completeTask(
      tasks.C,
      staffNamed('박준형'),
      { decision: 'submit', findings: '조사 결과 보고' },
      '2026-12-24T15:00:00+09:00',
    );
    await world.catcher.clear();
    world.setNow(runAt('2026-12-28', '08:31:00'));

    await world.reminderJob().run(runAt('2026-12-28'));

    const caught = remindersIn(world.catcher.messages());
    expect(caught.reminders.filter((r) => r.endsWith(caseNo('C')))).toEqual([]);
    expect(caught.reminders.some((r) => r.endsWith(caseNo('B')))).toBe(true);
    expect(caught.reminders.map((r) => r.split(' ')[0])).not.toContain('박준형');
  });

  it('sends and records each reminder once when the run dies right after each of its transactions in turn (claims, history records, recovery)', async () => {
    await world.catcher.clear();
    const { crashes, diedWithMailAcceptedUnrecorded, diedAt } = await crashUntilDone(
      '2026-12-29',
      'after',
      'TransactWriteCommand',
    );

    const caught = remindersIn(world.catcher.messages());
    expect(crashes).toBeGreaterThanOrEqual(4);
    expect(diedAt).toEqual(['TransactWriteCommand']);
    expect(caught.reminders).toEqual(expectedOn('2026-12-29').caught);
    expect(caught.raw - caught.distinct).toBe(diedWithMailAcceptedUnrecorded);
    expect(caught.copiesDiffer).toBe(false);
    // Every reminder mailed is recorded once in its case's history, and nothing else is.
    expect(await recordedOn('2026-12-29')).toEqual(asRecorded('2026-12-29'));
    expect(await unfinishedDigests()).toEqual([]);
    for (const task of Object.values(tasks)) {
      const pending = (await world.markersOf(task.caseId)).filter((m) => m.status !== 'sent');
      expect(pending).toEqual([]);
    }
  }, 300_000);
});
