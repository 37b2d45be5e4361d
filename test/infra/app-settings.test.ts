import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../infra/build-app.ts';
import { cdkJsonContext } from './synthesize.ts';

describe('deployment settings (CDK context)', () => {
  it('deploys to Seoul for the configured office by default', () => {
    const settings = readSettings(new App({ context: cdkJsonContext() }));
    expect(settings['gamsa:region']).toBe('ap-northeast-2');
    expect(settings['gamsa:officeName']).not.toBe('');
    expect(settings['gamsa:appBaseUrl']).toBeUndefined();
  });

  it('names the setting and the rule when a value is wrong, before anything is built', () => {
    const app = new App({ context: { ...cdkJsonContext(), 'gamsa:region': 'Seoul', 'gamsa:appBaseUrl': 'not a url' } });
    expect(() => readSettings(app)).toThrow(/gamsa:region: an AWS region such as ap-northeast-2.*gamsa:appBaseUrl/);
  });
});
