import { describe, expect, it } from 'vitest';
import { settingsDefaults, withDefaults } from './settings';

describe('withDefaults', () => {
  it('gives the defaults for nothing stored', () => {
    expect(withDefaults(undefined)).toEqual(settingsDefaults);
    expect(withDefaults('garbage')).toEqual(settingsDefaults);
  });
  it('keeps stored values of the right type and drops the rest', () => {
    expect(
      withDefaults({
        pipingUrl: 'https://ppng.io',
        signalingTimeoutSeconds: '5',
        iceTransportPolicy: 'nope',
        extra: 1,
      }),
    ).toEqual({ ...settingsDefaults, pipingUrl: 'https://ppng.io' });
  });
});

it('keeps a valid ICE transport policy', () => {
  expect(withDefaults({ iceTransportPolicy: 'relay' }).iceTransportPolicy).toBe('relay');
});

it('keeps interrupted transfers for a whole number of days from 1 to 365', () => {
  expect(withDefaults({}).partialMaxAgeDays).toBe(7);
  expect(withDefaults({ partialMaxAgeDays: 30 }).partialMaxAgeDays).toBe(30);
  for (const bad of [0, 366, 1.5, -3]) {
    expect(withDefaults({ partialMaxAgeDays: bad }).partialMaxAgeDays).toBe(7);
  }
});

it('keeps a file message size only of those offered', () => {
  expect(withDefaults({}).fileMessageKiB).toBe(16);
  for (const kib of [16, 64, 256])
    expect(withDefaults({ fileMessageKiB: kib }).fileMessageKiB).toBe(kib);
  for (const bad of [0, 32, 1024, '64']) {
    expect(withDefaults({ fileMessageKiB: bad }).fileMessageKiB).toBe(16);
  }
});

it('keeps a file speed limit only of those offered, none by default', () => {
  expect(withDefaults({}).fileSpeedLimitMB).toBe(0);
  for (const mb of [0, 1, 2, 5, 10, 50])
    expect(withDefaults({ fileSpeedLimitMB: mb }).fileSpeedLimitMB).toBe(mb);
  for (const bad of [-1, 3, 0.5, '5', Infinity]) {
    expect(withDefaults({ fileSpeedLimitMB: bad }).fileSpeedLimitMB).toBe(0);
  }
});
