import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchChannelId, batchLabel } from './batch-label';
import { bytesLabel } from './file-protocol';

describe('batch channel labels', () => {
  it("give back the batch's id, and nothing for other channels", () => {
    fc.assert(fc.property(fc.string(), (id) => batchChannelId(batchLabel(id)) === id));
    expect(batchChannelId('files')).toBeNull();
    expect(batchChannelId(bytesLabel('f1'))).toBeNull();
  });
});
