/**
 * The console: its first screen's JavaScript (gzip, budget 250 KB; later routes load on demand) and the
 * time until 내 업무 shows 1,000 tasks in Debian's Chromium. The tasks are answered by this bench at the
 * browser's network layer (the API's /me/tasks returns at most 100 today), so the figure is the
 * console's own work: fetch, sort, urgency and rendering.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CONSOLE_DIST, ensureConsoleBuilt, startConsoleServer } from '../infra/local/console-server.ts';

const BUDGET_KB = 250;
const TASKS = Number(process.env.BENCH_CONSOLE_TASKS ?? 1000);

function initialAssets(): { js: string[]; css: string[] } {
  const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
  const js = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map(
    (m) => m[1]!,
  );
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return { js, css };
}

const gzipKb = (files: string[]) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(CONSOLE_DIST, f))).length, 0) / 1024;

function syntheticTasks(n: number) {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const opened = new Date(now - (i % 30) * 86_400_000).toISOString();
    const due = new Date(now + ((i % 40) - 5) * 86_400_000).toISOString();
    const id = String(i).padStart(26, '0');
    return {
      taskId: id,
      caseId: id,
      caseNumber: `2026-조사-${String(i + 1).padStart(4, '0')}`,
      caseTitle: `벤치 사건 ${i + 1}`,
      sealed: false,
      type: 'investigate',
      titleKo: '비위 조사 및 처분안 작성',
      stage: 'investigation',
      assignee: { sub: 'bench-user' },
      allowedDecisions: ['propose'],
      decisionLabels: ['조사결과·처분안 제출'],
      openedAt: opened,
      dueAt: due,
      status: 'open',
      executionArn: 'arn:bench',
      stateName: 'Investigate',
      links: { case: '', complete: '' },
    };
  });
}

export async function runConsoleBench(): Promise<void> {
  ensureConsoleBuilt((line) => console.log(line));
  const { js, css } = initialAssets();
  const jsKb = gzipKb(js);
  console.log(
    `첫 화면 JavaScript (gzip): ${jsKb.toFixed(1)} KB / 예산 ${BUDGET_KB} KB ${jsKb <= BUDGET_KB ? '— 예산 안' : '— 예산 초과'} (${js.length}개 파일)`,
  );
  console.log(`첫 화면 CSS (gzip, KRDS 포함): ${gzipKb(css).toFixed(1)} KB`);
  // The other screens (and the AWS sign-in client) load when first opened: their chunks, largest first.
  const later = readdirSync(join(CONSOLE_DIST, 'assets'))
    .filter((f) => f.endsWith('.js') && !js.some((i) => i.endsWith(f)))
    .map((f) => ({ name: f.replace(/-[\w-]{8}\.js$/, ''), kb: gzipKb([join('assets', f)]) }))
    .sort((a, b) => b.kb - a.kb);
  console.log(
    `나중에 불러오는 화면·모듈 ${later.length}개 (gzip): ${later.map((c) => `${c.name} ${c.kb.toFixed(1)}`).join(', ')} KB`,
  );

  const apiUrl = 'http://127.0.0.1:9';
  const server = await startConsoleServer({ port: 0, apiUrl });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const body = JSON.stringify({ items: syntheticTasks(TASKS) });
    const claims = Buffer.from(
      JSON.stringify({ sub: 'bench-user', name: '벤치', 'cognito:groups': ['investigator'], exp: 4_102_444_800 }),
    ).toString('base64url');
    const runs: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
      await context.addInitScript((token) => {
        sessionStorage.setItem(
          'gamsa.session',
          JSON.stringify({
            token,
            sub: 'bench-user',
            name: '벤치',
            roles: ['investigator'],
            expiresAt: 4_102_444_800_000,
          }),
        );
      }, `x.${claims}.x`);
      const page = await context.newPage();
      await page.route(`${apiUrl}/me/tasks**`, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body,
          headers: { 'access-control-allow-origin': '*' },
        }),
      );
      const started = Date.now();
      await page.goto(server.url);
      await page
        .locator('table.task-table tbody tr')
        .nth(TASKS - 1)
        .waitFor({ timeout: 60_000 });
      runs.push(Date.now() - started);
      await context.close();
    }
    runs.sort((a, b) => a - b);
    console.log(
      `내 업무 ${TASKS.toLocaleString('ko-KR')}건 표시까지: 중앙값 ${runs[1]} ms (3회: ${runs.join(', ')} ms, 페이지 이동부터 마지막 행까지)`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
