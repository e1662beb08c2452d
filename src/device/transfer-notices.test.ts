import { expect, it } from 'vitest';
import { endNotice } from './transfer-notices';

it('says what ended: a file that arrived, was delivered or stopped, or a bulk run', () => {
  const end = { id: 'a', kind: 'file' as const, name: 'big.bin', way: 'in' as const, ok: true };
  expect(endNotice(end)).toBe('big.bin arrived.');
  expect(endNotice({ ...end, way: 'out' })).toBe('big.bin was delivered.');
  expect(endNotice({ ...end, ok: false })).toBe('The transfer of big.bin stopped before the end.');
  expect(endNotice({ ...end, kind: 'bulk', name: '' })).toBe('The bulk run finished.');
});
