/**
 * Every link a mail carries opens a page of the console (a route of web/src/App.tsx, with the query
 * its page reads), under whatever path the console is served from — never an API path, which answers
 * a browser with 401 JSON.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromProjectRoot } from '../../../infra/project-paths.ts';
import { caseLink, overdueCasesLink, tasksListLink } from '#shared/mail/mail-case.ts';

const CONSOLE = 'https://gamsa.example.go.kr/console/';

/** The console's routes as patterns (`/cases/:caseId` → /cases/[^/]+), the catch-all left out. */
const consoleRoutes = [...readFileSync(fromProjectRoot('web/src/App.tsx'), 'utf8').matchAll(/path="([^"]+)"/g)]
  .map((m) => m[1]!)
  .filter((path) => path !== '*')
  .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`) }));

function routeOf(link: string): string | undefined {
  const url = new URL(link);
  expect(url.origin + url.pathname.slice(0, '/console/'.length)).toBe(CONSOLE);
  const inConsole = `/${url.pathname.slice('/console/'.length)}`;
  return consoleRoutes.find((route) => route.pattern.test(inConsole))?.path;
}

describe('links in mail', () => {
  it('open console pages: a case, my tasks, and the search for overdue cases with the filters that page reads', () => {
    expect(consoleRoutes.length).toBeGreaterThan(5);
    expect(routeOf(caseLink(CONSOLE, '01JCASE'))).toBe('/cases/:caseId');
    expect(routeOf(tasksListLink(CONSOLE))).toBe('/');
    const search = overdueCasesLink(CONSOLE.slice(0, -1));
    expect(routeOf(search)).toBe('/search');
    const searchPage = readFileSync(fromProjectRoot('web/src/pages/Search.tsx'), 'utf8');
    for (const name of new URL(search).searchParams.keys()) expect(searchPage).toContain(`'${name}'`);
    expect(Object.fromEntries(new URL(search).searchParams)).toEqual({ overdue: 'true', sort: 'due', order: 'asc' });
  });
});
