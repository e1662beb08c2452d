import { describe, expect, it } from 'vitest';
import { pickLocale } from './pick-locale';

const supported = ['en', 'zh-TW'];

describe('pickLocale', () => {
  it('takes the first preferred language the app has', () => {
    expect(pickLocale(['zh-TW', 'en-US'], supported, 'en')).toBe('zh-TW');
    expect(pickLocale(['fr-FR', 'en-GB'], supported, 'en')).toBe('en');
  });
  it('maps any Chinese to Traditional Chinese, whatever the case', () => {
    expect(pickLocale(['zh-HK'], supported, 'en')).toBe('zh-TW');
    expect(pickLocale(['zh-hant-tw'], supported, 'en')).toBe('zh-TW');
    expect(pickLocale(['zh'], supported, 'en')).toBe('zh-TW');
  });
  it('falls back when nothing matches', () => {
    expect(pickLocale(['de', 'ja'], supported, 'en')).toBe('en');
    expect(pickLocale([], supported, 'en')).toBe('en');
  });
});
