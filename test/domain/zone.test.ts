import { describe, expect, it } from 'vitest';
import { dateInZone, zonedDateTime } from '../../src/domain/zone.ts';

describe('zoned wall-clock times', () => {
  it('writes Vietnamese duty hours with +07:00 whatever the host zone', () => {
    expect(zonedDateTime('2024-04-15', '07:30', 'Asia/Ho_Chi_Minh')).toBe(
      '2024-04-15T07:30:00+07:00',
    );
    expect(zonedDateTime('2024-12-31', '16:30', 'Asia/Ho_Chi_Minh')).toBe(
      '2024-12-31T16:30:00+07:00',
    );
  });

  it('follows daylight saving in zones that have it', () => {
    expect(zonedDateTime('2024-01-15', '09:00', 'Europe/Berlin')).toBe('2024-01-15T09:00:00+01:00');
    expect(zonedDateTime('2024-07-15', '09:00', 'Europe/Berlin')).toBe('2024-07-15T09:00:00+02:00');
  });

  it('takes the first occurrence of a repeated time and the earlier offset for a skipped one', () => {
    // 27/10/2024 02:30 happens twice in Berlin (+02:00, then +01:00); 31/03/2024 02:30 does not exist.
    expect(zonedDateTime('2024-10-27', '02:30', 'Europe/Berlin')).toBe('2024-10-27T02:30:00+02:00');
    expect(zonedDateTime('2024-03-31', '02:30', 'Europe/Berlin')).toBe('2024-03-31T02:30:00+01:00');
  });

  it('tells the date in a zone: 23:30 UTC is already tomorrow in Hà Nội', () => {
    expect(dateInZone(new Date('2024-05-01T23:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2024-05-02');
    expect(dateInZone(new Date('2024-05-01T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('2024-05-01');
  });
});
