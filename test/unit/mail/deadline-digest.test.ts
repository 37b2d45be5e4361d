import { describe, expect, it } from 'vitest';
import { buildMail, MailInputError } from '#shared/mail/mail-message.ts';
import type { DeadlineDigestInput } from '#shared/mail/deadline-digest.template.ts';

const options = { officeName: 'OO구청 감사담당관', baseUrl: 'https://gamsa.example.go.kr/app' };

const sealedTitle = '홍길동 공익신고 — 시설과 계약 비리 제보';

function digest(overrides: Partial<DeadlineDigestInput> = {}): DeadlineDigestInput {
  return {
    template: 'deadline-digest',
    recipient: { name: '김조사', email: 'investigator@example.go.kr' },
    asOf: '2026-11-27',
    items: [
      {
        urgency: 'elapsed-50',
        case: {
          caseId: 'C50',
          caseNumber: '2026-감사-0101',
          title: '일상감사 의뢰 (도로 보수)',
          dueDate: '2026-12-09',
          sealed: false,
        },
      },
      {
        urgency: 'overdue-new',
        case: {
          caseId: 'C02',
          caseNumber: '2026-조사-0007',
          title: '외부기관 통보사항 조사',
          dueDate: '2026-11-25T18:00:00+09:00',
          sealed: false,
        },
      },
      {
        urgency: 'due-today',
        case: {
          caseId: 'C03',
          caseNumber: '2026-민원-0311',
          title: '고충민원 처리',
          dueDate: '2026-11-27',
          sealed: false,
        },
      },
      {
        urgency: 'overdue',
        case: { caseId: 'C01', caseNumber: '2026-조사-0003', title: sealedTitle, dueDate: '2026-11-20', sealed: true },
      },
      {
        urgency: 'elapsed-75',
        case: {
          caseId: 'C75',
          caseNumber: '2026-감사-0099',
          title: '계약심사 <긴급> & "재검토"',
          dueDate: '2026-12-01',
          sealed: false,
        },
      },
    ],
    ...overrides,
  };
}

describe('deadline digest', () => {
  it('puts only counts per urgency in the subject, prefixed with the office name', () => {
    const mail = buildMail(digest(), options);
    expect(mail.subject).toBe(
      '[OO구청 감사담당관] 처리기한 알림 2026년 11월 27일(금): 새로 기한 경과 1건, 계속 기한 경과 1건, 오늘 마감 1건, 75% 경과 1건, 50% 경과 1건',
    );
  });

  it('lists groups in the order staff act on them — newly overdue apart from still overdue — earliest due first within a group', () => {
    const { text } = buildMail(digest(), options);
    const order = [
      '[새로 기한 경과] 1건',
      '2026-조사-0007',
      '[계속 기한 경과] 1건',
      '2026-조사-0003',
      '[오늘 마감] 1건',
      '2026-민원-0311',
      '[75% 경과] 1건',
      '2026-감사-0099',
      '[50% 경과] 1건',
      '2026-감사-0101',
    ];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('writes each case as number, title, Korean due date and link in the text body', () => {
    const { text } = buildMail(digest(), options);
    expect(text).toContain(
      [
        '- 2026-조사-0007 외부기관 통보사항 조사',
        '  처리기한: 2026년 11월 25일(수)',
        '  https://gamsa.example.go.kr/app/cases/C02',
      ].join('\n'),
    );
    expect(text.startsWith('김조사 님,\n\n2026년 11월 27일(금) 기준으로 처리기한을 확인할 사건이 5건 있습니다.')).toBe(
      true,
    );
    expect(text).toContain('이 메일은 OO구청 감사담당관 사건관리시스템이 자동으로 보냈습니다.');
  });

  it('reads a due instant on the Seoul clock (23:30 UTC is the next day in Korea)', () => {
    const mail = buildMail(
      digest({
        items: [
          {
            urgency: 'due-today',
            case: {
              caseId: 'X1',
              caseNumber: '2026-감사-0001',
              title: '제목',
              dueDate: '2026-11-26T23:30:00Z',
              sealed: false,
            },
          },
        ],
      }),
      options,
    );
    expect(mail.text).toContain('처리기한: 2026년 11월 27일(금)');
  });

  it('renders the same cases as linked table rows in the HTML body, escaped', () => {
    const { html } = buildMail(digest(), options);
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain(
      '<h2 style="font-size:16px;margin:20px 0 8px">새로 기한 경과 <span style="font-weight:normal">(1건)</span></h2>',
    );
    expect(html).toMatch(
      /<a href="https:\/\/gamsa\.example\.go\.kr\/app\/cases\/C02">2026-조사-0007<\/a><\/td><td [^>]*>외부기관 통보사항 조사<\/td><td [^>]*>2026년 11월 25일\(수\)<\/td>/,
    );
    expect(html).toContain('계약심사 &lt;긴급&gt; &amp; &quot;재검토&quot;');
    expect(html).not.toContain('<긴급>');
  });

  it('never puts a sealed case’s title in the subject, text or HTML — only its number and link', () => {
    const mail = buildMail(digest(), options);
    for (const body of [mail.subject, mail.text, mail.html]) {
      expect(body).not.toContain(sealedTitle);
      expect(body).not.toContain('홍길동');
    }
    expect(mail.text).toContain(
      '- 2026-조사-0003 비공개 사건\n  처리기한: 2026년 11월 20일(금)\n  https://gamsa.example.go.kr/app/cases/C01',
    );
    expect(mail.html).toMatch(
      /<a href="https:\/\/gamsa\.example\.go\.kr\/app\/cases\/C01">2026-조사-0003<\/a><\/td><td [^>]*><em [^>]*>비공개 사건<\/em><\/td>/,
    );
    expect(mail.text).toContain('비공개 사건은 메일에 제목을 싣지 않습니다.');
  });

  it('says nothing about sealed cases when there are none', () => {
    const onlyOpen = digest().items.filter((item) => !item.case.sealed);
    const mail = buildMail(digest({ items: onlyOpen }), options);
    expect(mail.text).not.toContain('비공개');
    expect(mail.html).not.toContain('비공개');
  });

  it('refuses identity fields a case reference was not designed to carry', () => {
    const withIdentity = {
      ...digest(),
      items: [
        {
          urgency: 'overdue',
          case: {
            caseId: 'C01',
            caseNumber: '2026-조사-0003',
            title: '제목',
            dueDate: '2026-11-20',
            sealed: true,
            reporterName: '홍길동',
          },
        },
      ],
    };
    expect(() => buildMail(withIdentity, options)).toThrow(MailInputError);
    expect(() => buildMail(withIdentity, options)).toThrow(/items\.0\.case: Unrecognized key: "reporterName"/);
  });

  it('names the field and rule when the input is wrong', () => {
    const error = (() => {
      try {
        buildMail(digest({ items: [], recipient: { name: '김조사', email: 'not-an-address' } }), options);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MailInputError);
    expect(error).toMatchObject({ statusCode: 400, field: 'recipient.email', rule: 'invalid_format' });
    expect((error as MailInputError).message).toMatch(/recipient\.email: Invalid email address/);
    expect((error as MailInputError).message).toMatch(/items: a digest with nothing in it is not sent/);
    expect((error as MailInputError).cause).toBeDefined();
  });

  it('refuses a case id that could carry text into the link', () => {
    const items = [
      {
        urgency: 'overdue' as const,
        case: { caseId: '../홍길동', caseNumber: 'N', title: 'T', dueDate: '2026-11-20', sealed: false },
      },
    ];
    expect(() => buildMail(digest({ items }), options)).toThrow(/items\.0\.case\.caseId: must be an opaque id/);
  });

  it('addresses one person, marks the mail automatic and lists the cases it mentions', () => {
    const mail = buildMail(digest(), options);
    expect(mail.to).toEqual([{ name: '김조사', address: 'investigator@example.go.kr' }]);
    expect(mail.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Gamsa-Template': 'deadline-digest' });
    expect([...mail.caseIds].sort()).toEqual(['C01', 'C02', 'C03', 'C50', 'C75']);
  });

  it('takes the office name from options, so another office’s name appears instead', () => {
    const mail = buildMail(digest(), { ...options, officeName: 'XX구청 감사실' });
    expect(mail.subject.startsWith('[XX구청 감사실] ')).toBe(true);
    expect(mail.text).toContain('XX구청 감사실 사건관리시스템');
    expect(mail.text).not.toContain('OO구청');
  });
});

describe('deadline digest — the head summary and unsubscribe', () => {
  const headCase = (n: number) => ({
    caseId: `H${n}`,
    caseNumber: `2026-조사-${String(n).padStart(4, '0')}`,
    title: `오래된 조사 ${n}`,
    dueDate: `2026-11-${String(n).padStart(2, '0')}T18:00:00+09:00`,
    sealed: false,
  });

  it('gives the head counts by team and kind and the oldest few, not the list, and may carry nothing else', () => {
    const mail = buildMail(
      digest({
        items: [],
        headSummary: {
          newlyReported: 2,
          total: 164,
          afterBusinessDays: 3,
          byTeam: [
            { label: '조사팀', count: 100 },
            { label: '민원관리팀', count: 64 },
          ],
          byKind: [{ label: 'investigate 업무', count: 164 }],
          oldest: [headCase(2), headCase(3)],
          fullListUrl: 'https://gamsa.example.go.kr/app/tasks',
        },
      }),
      options,
    );
    expect(mail.subject).toBe('[OO구청 감사담당관] 처리기한 알림 2026년 11월 27일(금): 장기 기한 경과 보고 2건');
    expect(mail.text).toContain('[기한 경과 3영업일 이상 보고] 164건');
    expect(mail.text).toContain('팀별: 조사팀 100건, 민원관리팀 64건');
    expect(mail.text).toContain('· 2026-조사-0002 오래된 조사 2 (처리기한 2026년 11월 2일(월))');
    expect(mail.text).not.toMatch(/^- /m);
    expect(mail.html).toContain('전체 목록 보기');
  });

  it('opens with the 징계시효 alarms, nearest first, counted first in the subject — one morning mail', () => {
    const alarm = (daysBefore: 7 | 30 | 90, daysLeft: number, n: string, sealed = false) => ({
      daysBefore,
      daysLeft,
      case: { caseId: `L${n}`, caseNumber: `2026-조사-00${n}`, title: `비위 사건 ${n}`, dueDate: '2027-03-02', sealed },
    });
    const mail = buildMail(digest({ limitationAlarms: [alarm(30, 28, '41'), alarm(7, 6, '42', true)] }), options);
    expect(mail.subject).toBe(
      '[OO구청 감사담당관] 처리기한 알림 2026년 11월 27일(금): 징계시효 2건, 새로 기한 경과 1건, 계속 기한 경과 1건, 오늘 마감 1건, 75% 경과 1건, 50% 경과 1건',
    );
    const alarmLines = mail.text.split('\n').filter((line) => line.startsWith('- ['));
    expect(alarmLines).toEqual([
      '- [징계시효 7일 전] 2026-조사-0042 비공개 사건',
      '- [징계시효 30일 전] 2026-조사-0041 비위 사건 41',
    ]);
    expect(mail.text.indexOf('[징계시효 알림] 2건')).toBeLessThan(mail.text.indexOf('[새로 기한 경과]'));
    expect(mail.text).toContain('시효 만료일: 2027년 3월 2일(화) (D-6)');
    expect(mail.html).toContain('징계시효 7일 전');
    expect(mail.caseIds).toEqual(expect.arrayContaining(['L41', 'L42']));
    // Alarms alone are a mail too (nobody can turn them off).
    const only = buildMail(digest({ items: [], limitationAlarms: [alarm(90, 90, '43')] }), options);
    expect(only.subject).toBe('[OO구청 감사담당관] 처리기한 알림 2026년 11월 27일(금): 징계시효 1건');
    expect(only.text).toContain('기준 징계시효 알림입니다.');
  });

  it('carries the notices of the person’s committees as a section — one morning mail — and may carry nothing else', () => {
    const notice = {
      notice: 'day-before' as const,
      committeeName: '공직자윤리위원회',
      meeting: { meetingId: 'ethics-2026-12', scheduledAt: '2026-11-30T10:00:00+09:00', place: '소회의실' },
      items: [
        {
          case: {
            caseId: 'K1',
            caseNumber: '2026-조사-0051',
            title: '홍길동 재산 심사',
            dueDate: '2026-12-30',
            sealed: true,
          },
          taskTitle: '심사 의결',
        },
      ],
    };
    const mail = buildMail(digest({ committeeNotices: [notice] }), options);
    expect(mail.subject).toContain('처리기한 알림 2026년 11월 27일(금): 위원회 안내 1건, 새로 기한 경과 1건');
    // Friday for a Monday meeting: the date and weekday, never "내일".
    expect(mail.text).toContain(
      '[위원회 안내: 공직자윤리위원회 회의 전 알림]\n2026년 11월 30일(월) 10:00에 공직자윤리위원회 회의가 열립니다 (장소: 소회의실).',
    );
    expect(mail.text).not.toContain('내일');
    expect(mail.text).toContain('https://gamsa.example.go.kr/app/cases/K1');
    expect(mail.text).not.toContain('홍길동');
    expect(mail.html).not.toContain('홍길동');
    expect(mail.html).toContain('위원회 안내: 공직자윤리위원회 회의 전 알림');
    expect(mail.caseIds).toContain('K1');
    const only = buildMail(digest({ items: [], committeeNotices: [notice] }), options);
    expect(only.subject).toBe('[OO구청 감사담당관] 처리기한 알림 2026년 11월 27일(금): 위원회 안내 1건');
    expect(only.text).toContain('기준 위원회 안내입니다.');
    // A notice with nothing on its agenda is no notice.
    expect(() => buildMail(digest({ items: [], committeeNotices: [{ ...notice, items: [] }] }), options)).toThrow(
      /committeeNotices/,
    );
  });

  it('refuses a digest with neither items nor a head summary', () => {
    expect(() => buildMail(digest({ items: [] }), options)).toThrow(/nothing in it/);
  });

  it('carries List-Unsubscribe and the one-click header when it has an unsubscribe link, and says what stays on', () => {
    const url = 'https://api.gamsa.example.go.kr/mail/unsubscribe?sub=u1&token=abc';
    const mail = buildMail(digest({ unsubscribeUrl: url }), options);
    expect(mail.headers['List-Unsubscribe']).toBe(`<${url}>`);
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain('오늘 마감·기한 경과 알림과 징계시효 알림은 끌 수 없습니다');
    expect(buildMail(digest(), options).headers['List-Unsubscribe']).toBeUndefined();
  });
});
