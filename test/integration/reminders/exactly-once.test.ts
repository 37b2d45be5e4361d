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
import type { BuiltMail } from '../../../shared/mail/mail-content.ts';
import type { DeliveryLookup } from '../../../shared/mail/delivery-lookup.ts';
import { MailSendError, type Mailer } from '../../../shared/mail/mailer.ts';
import { ReminderStore } from '../../../shared/store/reminder-store.ts';
import { ReminderRunIncompleteError } from '../../../shared/usecases/deadline-reminders.ts';
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

/** What one clean run sends on each day: `<person> <group> <case number>`, one entry per reminder. */
function expectedOn(day: string): string[] {
  const overdue = (name: string, ...letters: (keyof typeof tasks)[]) =>
    letters.map((l) => `${name} 기한 경과 ${caseNo(l)}`);
  const byDay: Record<string, string[]> = {
    '2026-12-17': [
      ...overdue('강민수', 'A'),
      ...overdue('김정민', 'A', 'B'),
      ...overdue('신예린', 'B'),
      ...overdue('배수빈', 'B'),
      ...overdue('박준형', 'C'),
      ...overdue('최유진', 'C'),
      `조현우 50% 경과 ${caseNo('D')}`,
      `서지원 오늘 마감 ${caseNo('E')}`,
    ],
    '2026-12-18': [
      ...overdue('강민수', 'A', 'E'),
      ...overdue('김정민', 'A', 'B'),
      ...overdue('신예린', 'B'),
      ...overdue('배수빈', 'B'),
      ...overdue('박준형', 'C'),
      ...overdue('최유진', 'C'),
      `조현우 75% 경과 ${caseNo('D')}`,
      ...overdue('서지원', 'E'),
    ],
    '2026-12-21': [
      ...overdue('강민수', 'A', 'E'),
      ...overdue('김정민', 'A', 'B', 'C'),
      ...overdue('신예린', 'B'),
      ...overdue('배수빈', 'B'),
      ...overdue('박준형', 'C'),
      ...overdue('최유진', 'C'),
      `조현우 오늘 마감 ${caseNo('D')}`,
      ...overdue('서지원', 'E'),
    ],
    '2026-12-22': [
      ...overdue('강민수', 'A', 'E'),
      ...overdue('김정민', 'A', 'B', 'C'),
      ...overdue('신예린', 'B'),
      ...overdue('배수빈', 'B'),
      ...overdue('박준형', 'C'),
      ...overdue('최유진', 'C', 'D'),
      ...overdue('조현우', 'D'),
      ...overdue('서지원', 'E'),
    ],
    // D has lost 22 and 23 — still two days short of the head.
    '2026-12-24': [
      ...overdue('강민수', 'A', 'E'),
      ...overdue('김정민', 'A', 'B', 'C', 'E'),
      ...overdue('신예린', 'B'),
      ...overdue('배수빈', 'B'),
      ...overdue('박준형', 'C'),
      ...overdue('최유진', 'C', 'D'),
      ...overdue('조현우', 'D'),
      ...overdue('서지원', 'E'),
    ],
    // E has now lost 18, 21 and 22: the head hears of it too.
    '2026-12-23': [
      ...overdue('강민수', 'A', 'E'),
      ...overdue('김정민', 'A', 'B', 'C', 'E'),
      ...overdue('신예린', 'B'),
      ...overdue('배수빈', 'B'),
      ...overdue('박준형', 'C'),
      ...overdue('최유진', 'C', 'D'),
      ...overdue('조현우', 'D'),
      ...overdue('서지원', 'E'),
    ],
  };
  return [...(byDay[day] ?? [])].sort();
}

/** How many people get a digest on a day. */
const expectedPeopleOn = (day: string) => new Set(expectedOn(day).map((line) => line.split(' ')[0])).size;

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

const THRESHOLD_LABELS: Record<string, string> = {
  'elapsed-50': '50% 경과',
  'elapsed-75': '75% 경과',
  'due-today': '오늘 마감',
};
const asRecorded = (day: string) =>
  expectedOn(day)
    .map((line) => {
      const [name, ...rest] = line.split(' ');
      const caseNumber = rest.at(-1)!;
      const label = rest.slice(0, -1).join(' ');
      const threshold =
        label === '기한 경과' ? `overdue:${day}` : Object.entries(THRESHOLD_LABELS).find(([, l]) => l === label)![0];
      return `${name} ${threshold} ${caseNumber}`;
    })
    .sort();

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
    kind: 'disclosure-refusal',
    title: '고지거부 심사 — 비공개 요청 (요청자 김철수)',
    sealed: true,
    openedAt: '2026-12-10T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('박준형').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 3,
  });
  tasks.D = await world.openTask({
    kind: 'property-review',
    title: '재산등록 심사 — 수시 심사',
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
    expect(caught.reminders).toEqual(expectedOn('2026-12-17'));
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
    expect(caught.reminders).toEqual(expectedOn('2026-12-18'));
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
    expect(caught.reminders).toEqual(expectedOn('2026-12-21'));
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
    expect(caught.reminders).toEqual(expectedOn('2026-12-22'));
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
    expect(firstAttempt).toHaveLength(7);
    for (const task of Object.values(tasks)) {
      const headMarkers = (await world.markersOf(task.caseId)).filter(
        (m) => m.recipientSub === head.sub && m.threshold === 'overdue:2026-12-23',
      );
      expect(headMarkers).toEqual([]);
    }

    world.setNow(runAt('2026-12-23', '08:32:00'));
    const retry = await world.reminderJob().run(runAt('2026-12-23'));

    expect(retry).toMatchObject({ digestsSent: 1, remindersSent: 4, failed: [] });
    const caught = remindersIn(world.catcher.messages());
    expect(caught.reminders).toEqual(expectedOn('2026-12-23'));
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
    expect(caught.reminders).toEqual(expectedOn('2026-12-24'));
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
    expect(crashes).toBeGreaterThanOrEqual(5);
    expect(diedAt).toEqual(['TransactWriteCommand']);
    expect(caught.reminders.length).toBeGreaterThanOrEqual(10);
    expect(caught.raw - caught.distinct).toBe(diedWithMailAcceptedUnrecorded);
    expect(caught.copiesDiffer).toBe(false);
    // Every reminder mailed is recorded once in its case's history, and nothing else is.
    const asThreshold = (line: string) => {
      const [name, ...rest] = line.split(' ');
      const caseNumber = rest.at(-1)!;
      const label = rest.slice(0, -1).join(' ');
      const threshold =
        label === '기한 경과'
          ? 'overdue:2026-12-29'
          : Object.entries(THRESHOLD_LABELS).find(([, l]) => l === label)![0];
      return `${name} ${threshold} ${caseNumber}`;
    };
    expect(await recordedOn('2026-12-29')).toEqual(caught.reminders.map(asThreshold).sort());
    expect(await unfinishedDigests()).toEqual([]);
    for (const task of Object.values(tasks)) {
      const pending = (await world.markersOf(task.caseId)).filter((m) => m.status !== 'sent');
      expect(pending).toEqual([]);
    }
  }, 300_000);
});
