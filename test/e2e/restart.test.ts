/** `npm start` keeps its data: a second start on the same data directory sees what the first wrote. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_USERS } from '../../infra/local/demo-data.ts';
import { restartPort } from '../support/restart-port.ts';
import { startLocalSystem } from '../../infra/local/local-system.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gamsa-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Fixed ports across the restart, as `npm start` has.
const ports = { apiPort: 0, dynamoPort: 0 };
async function start() {
  ports.apiPort ||= await restartPort();
  ports.dynamoPort ||= await restartPort();
  return startLocalSystem({ tableName: 'gamsa-cases', ...ports, dataDir });
}

describe('local system restart', () => {
  it('keeps cases, seeds demo data only once, and accepts tokens issued before the restart', async () => {
    const first = await start();
    expect(first.seeded).toEqual({ staffAdded: DEMO_STAFF.length, casesAdded: 5 });
    const u = DEMO_USERS.clerk;
    const token = await first.issuer.mint({ sub: u.sub, email: u.email, name: u.name, roles: u.roles });
    const created = await fetch(`${first.apiUrl}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'petition',
        title: '재시작 전 접수한 청원',
        petition: {
          form: 'individual',
          public: false,
          petitioner: { name: '홍길동', address: '서울특별시 ○○구 ○○로 1' },
        },
      }),
    });
    expect(created.status).toBe(201);
    const { case: c } = (await created.json()) as { case: { caseId: string } };
    await first.close();

    const second = await start();
    try {
      expect(second.seeded).toBeUndefined();
      const got = await fetch(`${second.apiUrl}/cases/${c.caseId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(got.status).toBe(200);
      expect(((await got.json()) as { title: string }).title).toBe('재시작 전 접수한 청원');
    } finally {
      await second.close();
    }
  }, 90_000);
});
