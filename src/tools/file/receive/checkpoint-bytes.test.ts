import { expect, it } from 'vitest';
import { checkpointBytes } from './checkpoint-bytes';

const MiB = 1024 * 1024;

it('checkpoints a sixteenth of a file, from 1 MiB to 4 MiB', () => {
  expect(checkpointBytes(4096)).toBe(MiB);
  expect(checkpointBytes(8 * MiB)).toBe(MiB);
  expect(checkpointBytes(24 * MiB)).toBe(1.5 * MiB);
  expect(checkpointBytes(48 * MiB)).toBe(3 * MiB);
  expect(checkpointBytes(200 * MiB)).toBe(4 * MiB);
  expect(checkpointBytes(10 * 1024 * MiB)).toBe(4 * MiB);
});
