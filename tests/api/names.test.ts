import { describe, expect, it } from 'vitest';
import { foldName, searchKey } from '../../src/model';
import { prefixEditDistance } from '../../src/model/search-ranking';

describe('searchKey', () => {
  it.each([
    ['Azm-i-Istehkam', 'Azm-e-Istehkam'],
    ['AZM E ISTEHKAM', 'azm-i-istehkam'],
    ['Tehreek-e-Taliban Pakistan', 'Tehrik-i-Taliban Pakistan'],
    ['Radd-ul-Fasaad', 'Rad-ul-Fasad'],
    ['Radd-ul-Fasaad', 'radd al fasaad'],
    ['al-Qaeda', 'Al Qaida'],
    ['Jamaat-ud-Dawa', 'Jamat ul Dawa'],
    ['Pukhtoon', 'Pukhtun'],
    ['Zarb-e-Azb', 'Zarb-i-Azb'],
  ])('gives %s and %s one key', (a, b) => {
    expect(searchKey(a)).toBe(searchKey(b));
  });

  it('keeps different names apart', () => {
    expect(searchKey('Pakistan')).not.toBe(searchKey('Pakistani'));
    expect(searchKey('Balochistan Liberation Army')).not.toBe(searchKey('Balochistan Liberation Front'));
  });

  it('leaves foldName, which citation checks use, as it was', () => {
    expect(foldName('Tehreek-e-Taliban')).toBe('tehreek e taliban');
    expect(searchKey('Tehreek-e-Taliban')).toBe('tehrik i taliban');
    expect(searchKey('  -- ')).toBe('');
  });
});

describe('prefixEditDistance', () => {
  it('counts edits to the closest prefix, swaps included, bounded', () => {
    expect(prefixEditDistance('tehrik', 'tehrik i taliban', 2)).toBe(0);
    expect(prefixEditDistance('balochsitan', 'balochistan liberation army', 2)).toBe(1);
    expect(prefixEditDistance('afgan', 'afghan taliban', 1)).toBe(1);
    expect(prefixEditDistance('zzzz', 'afghan', 1)).toBe(2);
  });
});
