import { describe, expect, it } from 'vitest';
import { runSoak, SOAK_PATHS } from '../../src/reliability/soak';

/** The soak's short form: the same mix against a real kg serve for a few seconds (figures: npm run soak). */
describe('soak smoke', () => {
  it('answers every request of the mix with 2xx and no connection errors', async () => {
    const r = await runSoak({ durationS: 3, connections: 2 });
    expect(r.requests).toBeGreaterThan(SOAK_PATHS.length);
    expect(r.errors).toBe(0);
    expect(r.timeouts).toBe(0);
    expect(r.non2xx, JSON.stringify(r.statuses)).toBe(0);
    expect(r.rssMb.samples.length).toBeGreaterThan(0);
  }, 90_000);
});
