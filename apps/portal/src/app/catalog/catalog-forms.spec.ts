import {
  formatCycleTime,
  formatDays,
  parseCycleSeconds,
  validateCalendar,
  validateHoliday,
  validateProduct,
  validateReason,
  validateTimeSlot,
} from './catalog-forms';

describe('catalog forms', () => {
  it('takes ideal cycle times in seconds, with a point or a comma, and refuses what the API would', () => {
    expect(parseCycleSeconds('1.5')).toEqual({ ms: 1500 });
    expect(parseCycleSeconds(' 0,25 ')).toEqual({ ms: 250 });
    expect(parseCycleSeconds('')).toEqual({ problem: 'Enter the ideal cycle time in seconds, such as 1.5.' });
    expect(parseCycleSeconds('1.5s')).toEqual({ problem: '"1.5s" is not a number of seconds.' });
    expect(parseCycleSeconds('0')).toEqual({ problem: 'The ideal cycle time must be more than 0 seconds.' });
    expect(parseCycleSeconds('86401')).toEqual({ problem: 'At most one day (86400 seconds).' });
    expect(formatCycleTime(1500, 'en-US')).toBe('1.5 s');
    expect(formatCycleTime(86_400_000, 'en-US')).toBe('86,400 s');
  });

  it('names each wrong field of a product and a reason code', () => {
    expect(validateProduct({ code: 'BRK-1', name: 'Bracket', seconds: '2' })).toEqual({});
    expect(validateProduct({ code: '-bad code', name: ' ', seconds: 'x' })).toEqual({
      code: 'Use 1 to 40 of A-Z a-z 0-9 . _ - (starting with a letter or digit).',
      name: 'Enter a name.',
      seconds: '"x" is not a number of seconds.',
    });
    expect(validateReason({ code: 'JAM', name: 'Material jam', lossClass: 'minor_stop' })).toEqual({});
    expect(validateReason({ code: 'JAM', name: 'Material jam', lossClass: null })).toEqual({
      lossClass: 'Choose where the stop lands in the OEE losses.',
    });
  });

  it('checks calendars, shifts, planned stops and holidays', () => {
    expect(validateCalendar({ name: '', assetId: null })).toEqual({
      name: 'Enter a name.',
      assetId: 'Choose the site, area or line the calendar is for.',
    });
    expect(validateTimeSlot({ name: 'Night', startTime: '22:00', endTime: '06:00', days: ['1'] })).toEqual(
      {},
    );
    expect(validateTimeSlot({ name: 'Odd', startTime: '24:00', endTime: '24:00', days: [] })).toEqual({
      startTime: 'Enter a local time such as 06:00.',
      endTime: 'Enter a local time such as 14:00.',
      days: 'Choose at least one weekday.',
    });
    expect(
      validateTimeSlot({ name: 'Zero', startTime: '06:00', endTime: '06:00', days: ['1'] }).endTime,
    ).toBe('The end must differ from the start.');
    expect(validateHoliday({ date: '', name: 'New Year' })).toEqual({ date: 'Choose the date.' });
  });

  it('says weekdays briefly', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('Mon–Fri');
    expect(formatDays([6, 1])).toBe('Mon, Sat');
    expect(formatDays([])).toBe('No day');
  });
});
