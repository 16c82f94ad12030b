import { DispatcherConfigError, loadDispatcherConfig } from './dispatcher-config.js';

const base = { DATABASE_URL: 'postgres://localhost/navette', REDIS_URL: 'redis://localhost:6379' };

describe('the dispatcher’s takeover settings (ADR 0041)', () => {
  it('take a late pickup’s rule from both variables', () => {
    const config = loadDispatcherConfig({
      ...base,
      TAKEOVER_LATE_AFTER_SECONDS: '600',
      TAKEOVER_LATE_GAIN_SECONDS: '60',
    });
    expect(config.takeover).toEqual({
      leadSeconds: 300,
      minGainSeconds: 300,
      late: { afterSeconds: 600, gainSeconds: 60 },
    });
  });

  it('have no late rule when neither variable is set', () => {
    expect(loadDispatcherConfig(base).takeover?.late).toBeUndefined();
  });

  it('refuse one late variable without the other', () => {
    expect(() => loadDispatcherConfig({ ...base, TAKEOVER_LATE_GAIN_SECONDS: '60' })).toThrow(
      new DispatcherConfigError(
        'TAKEOVER_LATE_AFTER_SECONDS and TAKEOVER_LATE_GAIN_SECONDS are set together or not at all',
      ),
    );
  });

  it('are off with TAKEOVER=off', () => {
    expect(loadDispatcherConfig({ ...base, TAKEOVER: 'off' }).takeover).toBeUndefined();
  });
});
