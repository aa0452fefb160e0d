import { describe, expect, it } from 'vitest';
import { firstDay, lastDay, notBefore, PartialDate, validOn } from '../../src/model';

const problemOf = (value: string) => PartialDate.safeParse(value).error?.issues[0]?.message ?? null;

describe('partial dates', () => {
  it('accepts year, month and day precision, and numbers written as years', () => {
    expect(PartialDate.parse('2024')).toBe('2024');
    expect(PartialDate.parse('2024-06')).toBe('2024-06');
    expect(PartialDate.parse('2024-06-22')).toBe('2024-06-22');
    expect(PartialDate.parse(2024)).toBe('2024');
  });

  it('names what is wrong with a date that does not exist', () => {
    expect(problemOf('2024-13')).toMatch(/month 13/);
    expect(problemOf('2023-02-29')).toMatch(/day 29/);
    expect(problemOf('June 2024')).toMatch(/YYYY-MM-DD/);
    expect(problemOf('2024-02-29')).toBeNull();
  });

  it('reads a partial date as the interval it covers', () => {
    expect(firstDay('2024')).toBe('2024-01-01');
    expect(lastDay('2024')).toBe('2024-12-31');
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2024-06-22')).toBe('2024-06-22');
  });

  it('decides validity on a date generously for partial bounds', () => {
    expect(validOn('2024-06-10', '2024-06')).toBe(true);
    expect(validOn('2024-05-31', '2024-06')).toBe(false);
    expect(validOn('2022-12-15', undefined, '2022-11')).toBe(false);
    expect(validOn('2022-11-30', undefined, '2022-11')).toBe(true);
    expect(validOn('2023', '2022', '2022-11')).toBe(false);
  });

  it('orders bounds so that until may equal since but not precede it', () => {
    expect(notBefore('2024-06', '2024-06-22')).toBe(true);
    expect(notBefore('2024-05', '2024-06-22')).toBe(false);
  });
});
