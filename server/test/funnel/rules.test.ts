import { describe, expect, it } from 'vitest';
import { isAllowedMove, parseLtvAmount } from '../../src/funnel/rules.js';

describe('funnel rules', () => {
  it('follows the table', () => {
    expect(isAllowedMove('PROSPECT', 'CUSTOMER')).toBe(true);
    expect(isAllowedMove('CUSTOMER', 'CHURNED')).toBe(true);
    expect(isAllowedMove('CHURNED', 'CUSTOMER')).toBe(true);
    expect(isAllowedMove('CUSTOMER', 'PROSPECT')).toBe(false);
    expect(isAllowedMove('LEAD_EXHAUSTED', 'CUSTOMER')).toBe(false);
  });
  it('parses money as decimal strings', () => {
    expect(parseLtvAmount('120.5')).toBe('120.50');
    expect(parseLtvAmount('007')).toBe('7.00');
    expect(parseLtvAmount('1000000')).toBe('1000000.00');
    for (const bad of ['-1', '0', '0.00', '1e3', '1.234', 'abc', '', '1000000.01', ' 1 2'])
      expect(() => parseLtvAmount(bad)).toThrow();
  });
});
