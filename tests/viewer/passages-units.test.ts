import { describe, expect, it } from 'vitest';
import { apiPassages, highlightSegments } from '../../viewer/src/panels/passages';
import type { PassageResponse } from '../../viewer/src/api/types';

const marked = (text: string, names: string[]) =>
  highlightSegments(text, names)
    .filter((s) => s.mark)
    .map((s) => s.text);

describe('highlighting the ends of a claim in a passage', () => {
  it('marks whole-word names and keeps every character of the text', () => {
    const text = 'Officials in Lahore said the Northern Front and its Frontist allies met twice.';
    const segments = highlightSegments(text, ['Northern Front', 'Frontist', 'Lahore']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['Lahore', 'Northern Front', 'Frontist']);
  });

  it('prefers the longer of two overlapping names', () => {
    expect(marked('The Pakistani Taliban and Pakistani officials', ['Pakistani', 'Pakistani Taliban'])).toEqual([
      'Pakistani Taliban',
      'Pakistani',
    ]);
  });

  it('ignores case for names but not for short acronyms', () => {
    expect(marked('The front said: let us talk to the US envoy.', ['US', 'the front'])).toEqual(['The front', 'US']);
  });

  it('does not mark a name inside a longer word', () => {
    expect(marked('Bannu and Bannuwal', ['Bannu'])).toEqual(['Bannu']);
  });

  it('treats hyphens and spaces in names as the same', () => {
    expect(marked('Tehreek e Azadi and Tehreek-e-Azadi', ['Tehreek-e-Azadi'])).toEqual([
      'Tehreek e Azadi',
      'Tehreek-e-Azadi',
    ]);
  });

  it('reads names as plain text, not as patterns or markup', () => {
    expect(marked('a.b axb <b>X</b> (c) c', ['a.b', '<b>X</b>', '(c)'])).toEqual(['a.b', '<b>X</b>', '(c)']);
    expect(marked('anything', ['.*', ''])).toEqual([]);
  });
});

describe('passage loading', () => {
  it('asks the server once per passage, and again after a failure', async () => {
    const calls: string[] = [];
    let fail = true;
    const passages = apiPassages(
      async (source, paragraph, context) => {
        calls.push(`${source}:${paragraph}:${context.join(',')}`);
        if (fail) throw new Error('503');
        return { source, paragraph, text: 't', paragraphs: 9 } satisfies PassageResponse;
      },
      () => [],
    );
    await expect(passages.load({ source: 's', paragraph: 4, context: [3] })).rejects.toThrow('503');
    fail = false;
    await passages.load({ source: 's', paragraph: 4, context: [3] });
    await passages.load({ source: 's', paragraph: 4, context: [3] });
    await passages.load({ source: 's', paragraph: 4 });
    expect(calls).toEqual(['s:4:3', 's:4:3', 's:4:']);
  });
});
