/**
 * The health check's Lambda bundle, built as the CDK app builds it (bench/bundles.ts): it carries
 * neither the Step Functions nor the SES client. A route that starts workflows is bundled beside it,
 * so the check is seen to find the client where it belongs.
 */
import { describe, expect, it } from 'vitest';
import { bundleProblems, FORBIDDEN_IN_BUNDLE, measureBundle } from '../../../bench/bundles.ts';
import { apiHandlerEntry, apiRoutes } from '../../../functions/api/routes.ts';

describe('the GET /health bundle', () => {
  it('bundles no Step Functions or SES client, where a workflow-starting route bundles Step Functions', async () => {
    const health = apiRoutes.find((r) => r.routeKey === 'GET /health');
    const starter = apiRoutes.find((r) => (r as { workflows?: readonly string[] }).workflows?.includes('start'));
    expect(health).toBeDefined();
    expect(starter).toBeDefined();
    const healthFigure = { name: `api ${health!.name}`, ...(await measureBundle(apiHandlerEntry(health!.name))) };
    const starterFigure = await measureBundle(apiHandlerEntry(starter!.name));

    expect(FORBIDDEN_IN_BUNDLE[healthFigure.name]).toEqual(['@aws-sdk/client-sfn', '@aws-sdk/client-sesv2']);
    expect(bundleProblems([healthFigure])).toEqual([]);
    expect(healthFigure.packages).not.toContain('@aws-sdk/client-sfn');
    expect(healthFigure.packages).not.toContain('@aws-sdk/client-sesv2');
    expect(starterFigure.packages).toContain('@aws-sdk/client-sfn');
    expect(healthFigure.bytes).toBeLessThan(starterFigure.bytes);
  }, 120_000);
});
