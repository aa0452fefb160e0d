import { describe, expect, it } from 'vitest';
import { briefingFileName } from '../../viewer/src/briefing/file-name';
import { decodeViewState, encodeViewState } from '../../viewer/src/url-state/url-codec';

describe('viewer URL state: a saved question', () => {
  it('round-trips the question and its parameter values, each as q.<name>', () => {
    const search = '?focus=ttp&question=changes-around&q.actor=afghan-taliban&q.from=2021&q.to=2024-06&tab=questions';
    const state = decodeViewState(search);
    expect(state.tab).toBe('questions');
    expect(state.question).toEqual({
      id: 'changes-around',
      params: { actor: 'afghan-taliban', from: '2021', to: '2024-06' },
    });
    expect(decodeViewState(encodeViewState(state))).toEqual(state);
    expect(encodeViewState(state)).toBe(search);
  });

  it('keeps a question with no values given (its defaults answer it) and ignores values with no question', () => {
    expect(decodeViewState('?question=targets-of&tab=questions').question).toEqual({ id: 'targets-of', params: {} });
    const stray = decodeViewState('?focus=bla&q.actor=ttp');
    expect(stray.question).toBeUndefined();
    expect(encodeViewState(stray)).toBe('?focus=bla');
  });

  it('reads the URLs made before questions existed as before', () => {
    const old = '?focus=bla&from=bla&to=china&tab=paths';
    expect(decodeViewState(old).question).toBeUndefined();
    expect(encodeViewState(decodeViewState(old))).toBe(old);
  });
});

describe('briefing file names', () => {
  it('are the subject in lower case letters, digits and hyphens', () => {
    expect(briefingFileName('targets-of-bla')).toBe('targets-of-bla.md');
    expect(briefingFileName('changes-around-afghan-taliban-2021-2024-06')).toBe(
      'changes-around-afghan-taliban-2021-2024-06.md',
    );
    expect(briefingFileName('backers-of-ttp-funds,supports')).toBe('backers-of-ttp-funds-supports.md');
    expect(briefingFileName('../..')).toBe('briefing.md');
  });
});
