import { expect, it } from 'vitest';
import { readShareForm, shareLanding, sharedText } from './share-form';

it('reads the files and joins title, text and URL, each once', () => {
  const form = new FormData();
  form.append('title', 'A page');
  form.append('text', 'Look at this');
  form.append('url', 'https://example.org/x');
  form.append('files', new File(['hello'], 'hello.txt', { type: 'text/plain' }));
  form.append('files', new File(['!'], 'b.bin'));
  const shared = readShareForm(form);
  expect(shared.files.map((f) => f.name)).toEqual(['hello.txt', 'b.bin']);
  expect(shared.text).toBe('A page\nLook at this\nhttps://example.org/x');
  expect(shareLanding(shared)).toBe('#/file');
});

it('drops the empty part an empty file field posts, and lands on Text with text only', () => {
  const form = new FormData();
  form.append('files', new File([], ''));
  form.append('text', '  hi  ');
  const shared = readShareForm(form);
  expect(shared).toEqual({ files: [], text: 'hi' });
  expect(shareLanding(shared)).toBe('#/text');
});

it('does not repeat a URL inside the text, or a title the text starts with', () => {
  expect(sharedText('', 'see https://a.example/', 'https://a.example/')).toBe(
    'see https://a.example/',
  );
  expect(sharedText('News', 'News: something', '')).toBe('News: something');
  expect(sharedText('', '', 'https://a.example/')).toBe('https://a.example/');
  expect(sharedText('', '', '')).toBe('');
});
