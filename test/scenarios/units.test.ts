import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBandwidth,
  formatDuration,
  formatInstant,
  formatPercent,
  formatSize,
  formatTimeOfDay,
  humanSize,
  isTimeZone,
  parseBandwidth,
  parseDuration,
  parseInstant,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
  UNIT_EXPECTED,
  type UnitResult,
} from '../../scenarios/units.js';

const DAY = 86_400_000;

/** The value of a successful parse, failing the test with the message otherwise. */
function okValue<T>(r: UnitResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got "${r.expected}"`);
  return r.value;
}

/** The `expected` message of a failed parse. */
function expectedOf<T>(r: UnitResult<T>): string {
  if (r.ok) throw new Error(`expected a failure, got ${String(r.value)}`);
  return r.expected;
}

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['4h', 14_400_000],
    ['30d', 30 * DAY],
    ['2w', 14 * DAY],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    ['1d2h', 26 * 3_600_000],
    ['1.5h', 5_400_000],
    ['0s', 0],
    [' 15m ', 900_000],
    ['PT15M', 900_000],
    ['P1DT2H', 26 * 3_600_000],
    ['P2W', 14 * DAY],
    ['PT1.5S', 1500],
    ['PT0,5S', 500],
    ['P1W2D', 9 * DAY],
  ])('reads %j as %d ms', (text, ms) => {
    expect(okValue(parseDuration(text))).toBe(ms);
  });

  it.each([
    ['15', UNIT_EXPECTED.duration],
    [15, UNIT_EXPECTED.duration],
    ['', UNIT_EXPECTED.duration],
    [null, UNIT_EXPECTED.duration],
    ['NaN', UNIT_EXPECTED.duration],
    ['Infinity', UNIT_EXPECTED.duration],
    [Number.NaN, UNIT_EXPECTED.duration],
    ['15 m', UNIT_EXPECTED.duration],
    ['15M', UNIT_EXPECTED.duration],
    ['1y', UNIT_EXPECTED.duration],
    ['-5m', UNIT_EXPECTED.durationNegative],
    ['30m1h', UNIT_EXPECTED.durationOrder],
    ['1h1h', UNIT_EXPECTED.durationOrder],
    ['0.5ms', UNIT_EXPECTED.durationWholeMs],
    ['0.0001s', UNIT_EXPECTED.durationWholeMs],
    ['P1M', UNIT_EXPECTED.durationCalendar],
    ['P1Y', UNIT_EXPECTED.durationCalendar],
    ['P1Y2M3D', UNIT_EXPECTED.durationCalendar],
    ['P', UNIT_EXPECTED.duration],
    ['PT', UNIT_EXPECTED.duration],
    ['P1DT', UNIT_EXPECTED.duration],
    ['pt15m', UNIT_EXPECTED.duration],
    ['999999999999w', UNIT_EXPECTED.tooLarge],
  ])('rejects %j: expected %s', (input, expected) => {
    expect(expectedOf(parseDuration(input))).toBe(expected);
  });

  it('lists the allowed units when the unit is wrong', () => {
    const r = parseDuration('15');
    expect(r.ok === false && r.allowed).toMatch(/ms, s, m, h, d, w/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [900_000, '15m'],
    [26 * 3_600_000, '1d2h'],
    [30 * DAY, '30d'],
    [DAY + 1, '1d1ms'],
    [-900_000, '-15m'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('parseSize', () => {
  it.each([
    ['100B', 100],
    ['512MiB', 512 * 2 ** 20],
    ['128GiB', 128 * 2 ** 30],
    ['2TiB', 2 * 2 ** 40],
    ['500GB', 500e9],
    ['1.5TB', 1.5e12],
    ['1KB', 1000],
    ['1kB', 1000],
    ['1KiB', 1024],
    ['1PB', 1e15],
    ['1PiB', 2 ** 50],
    ['0.1KiB', 102], // 102.4 rounds to the nearest byte
    ['0B', 0],
    ['128 GiB', 128 * 2 ** 30],
  ])('reads %j as %d bytes', (text, n) => {
    expect(okValue(parseSize(text))).toBe(n);
  });

  it.each([
    [128, UNIT_EXPECTED.size],
    ['128', UNIT_EXPECTED.size],
    ['128  GiB', UNIT_EXPECTED.size],
    ['128gb', UNIT_EXPECTED.size],
    ['128Gb', UNIT_EXPECTED.size],
    ['128G', UNIT_EXPECTED.size],
    ['-1GiB', UNIT_EXPECTED.sizeNegative],
    ['10PiB', UNIT_EXPECTED.tooLarge],
    [undefined, UNIT_EXPECTED.size],
  ])('rejects %j: expected %s', (input, expected) => {
    expect(expectedOf(parseSize(input))).toBe(expected);
  });
});

describe('formatSize and humanSize', () => {
  it.each([
    [128 * 2 ** 30, {}, '128GiB'],
    [1.5 * 2 ** 40, {}, '1.5TiB'],
    [1088 * 2 ** 20, {}, '1088MiB'], // 1.0625GiB needs 4 decimals: exact in MiB instead
    [0, {}, '0B'],
    [1234567, {}, '1234567B'],
    [500e9, { binary: false }, '500GB'],
    [1234567, { binary: false }, '1234.567KB'],
  ])('formatSize(%d, %j) is %s', (n, options, text) => {
    expect(formatSize(n, options)).toBe(text);
  });

  it.each([
    [999, {}, '999B'],
    [1.21 * 2 ** 30, {}, '1.21GiB'],
    [512 * 2 ** 20, {}, '512MiB'],
    [1023.9 * 1024, {}, '1MiB'],
    [5e12, { binary: false }, '5TB'],
    [12_345_678, { binary: false }, '12.3MB'],
  ])('humanSize(%d, %j) is %s', (n, options, text) => {
    expect(humanSize(n, options)).toBe(text);
  });
});

describe('parseBandwidth', () => {
  it.each([
    ['100Mbps', 12_500_000],
    ['1Gbps', 125_000_000],
    ['10Gbps', 1_250_000_000],
    ['512Kbps', 64_000],
    ['512kbps', 64_000],
    ['8bps', 1],
    ['1bps', 0.125],
    ['50MB/s', 50e6],
    ['20MiB/s', 20 * 2 ** 20],
    ['1GB/s', 1e9],
    ['100 Mbps', 12_500_000],
  ])('reads %j as %d bytes/s', (text, n) => {
    expect(okValue(parseBandwidth(text))).toBe(n);
  });

  it.each([
    [100, UNIT_EXPECTED.bandwidth],
    ['100', UNIT_EXPECTED.bandwidth],
    ['100Mb', UNIT_EXPECTED.bandwidth],
    ['100MBps', UNIT_EXPECTED.bandwidth],
    ['100Mbit/s', UNIT_EXPECTED.bandwidth],
    ['-1Gbps', UNIT_EXPECTED.bandwidthNegative],
  ])('rejects %j: expected %s', (input, expected) => {
    expect(expectedOf(parseBandwidth(input))).toBe(expected);
  });

  it.each([
    [12_500_000, {}, '100Mbps'],
    [1_250_000_000, {}, '10Gbps'],
    [0.125, {}, '1bps'],
    [20 * 2 ** 20, {}, '20MiB/s'],
    [12_500_000, { bytes: true }, '12.5MB/s'],
  ])('formatBandwidth(%d, %j) is %s', (n, options, text) => {
    expect(formatBandwidth(n, options)).toBe(text);
  });
});

describe('parsePercent', () => {
  it.each([
    ['3%', 0.03],
    ['0.5%', 0.005],
    ['100%', 1],
    ['0%', 0],
    ['0.1%', 0.001],
    ['3 %', 0.03],
  ])('reads %j as %d', (text, fraction) => {
    expect(okValue(parsePercent(text))).toBe(fraction);
  });

  it.each([
    [0.03, UNIT_EXPECTED.percent],
    ['3', UNIT_EXPECTED.percent],
    ['3  %', UNIT_EXPECTED.percent],
    ['101%', UNIT_EXPECTED.percentRange(100)],
    ['-1%', UNIT_EXPECTED.percentRange(100)],
  ])('rejects %j: expected %s', (input, expected) => {
    expect(expectedOf(parsePercent(input))).toBe(expected);
  });

  it('accepts more than 100% when the caller raises max', () => {
    expect(okValue(parsePercent('250%', { max: 300 }))).toBe(2.5);
    expect(expectedOf(parsePercent('301%', { max: 300 }))).toBe('a percentage from 0% to 300%');
  });

  it.each([
    [0.03, '3%'],
    [0.005, '0.5%'],
    [1, '100%'],
    [0.001, '0.1%'],
  ])('formatPercent(%d) is %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T02:00:00+02:00', Date.UTC(2026, 0, 1)],
    ['2025-12-31T19:00:00-05:00', Date.UTC(2026, 0, 1)],
    ['2026-01-01T02:00:00+0200', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00.25Z', Date.UTC(2026, 0, 1) + 250],
    ['2026-01-01T00:00:00,5Z', Date.UTC(2026, 0, 1) + 500],
    ['2028-02-29T12:00:00Z', Date.UTC(2028, 1, 29, 12)],
  ])('reads %j', (text, t) => {
    expect(okValue(parseInstant(text))).toBe(t);
  });

  it('accepts a Date from a YAML 1.1 timestamp', () => {
    expect(okValue(parseInstant(new Date(Date.UTC(2026, 0, 1))))).toBe(Date.UTC(2026, 0, 1));
    expect(expectedOf(parseInstant(new Date(Number.NaN)))).toBe(UNIT_EXPECTED.instant);
  });

  it.each([
    ['2026-01-01T00:00:00', UNIT_EXPECTED.instantZone],
    ['2026-01-01T00:00', UNIT_EXPECTED.instantZone],
    ['2026-01-01', UNIT_EXPECTED.instant],
    ['2026-01-01 00:00:00Z', UNIT_EXPECTED.instant],
    ['yesterday', UNIT_EXPECTED.instant],
    [1767225600000, UNIT_EXPECTED.instant],
    ['2026-02-30T00:00:00Z', UNIT_EXPECTED.instantRange],
    ['2027-02-29T00:00:00Z', UNIT_EXPECTED.instantRange],
    ['2026-13-01T00:00:00Z', UNIT_EXPECTED.instantRange],
    ['2026-01-01T24:00:00Z', UNIT_EXPECTED.instantRange],
    ['2026-01-01T00:00:60Z', UNIT_EXPECTED.instantRange],
    ['2026-01-01T00:00:00+24:00', UNIT_EXPECTED.instantRange],
    ['2026-01-01T00:00:00.0001Z', UNIT_EXPECTED.instantWholeMs],
  ])('rejects %j: expected %s', (input, expected) => {
    expect(expectedOf(parseInstant(input))).toBe(expected);
  });

  it('writes instants in UTC, with milliseconds only when present', () => {
    expect(formatInstant(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
    expect(formatInstant(Date.UTC(2026, 0, 1) + 250)).toBe('2026-01-01T00:00:00.250Z');
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['22:30', 1350],
    ['07:05', 425],
    ['7:05', 425],
    ['00:00', 0],
    ['23:59', 1439],
  ])('reads %j as %d minutes', (text, minutes) => {
    expect(okValue(parseTimeOfDay(text))).toBe(minutes);
  });

  it.each([
    ['24:00', UNIT_EXPECTED.timeOfDayRange],
    ['12:60', UNIT_EXPECTED.timeOfDayRange],
    ['22:30:00', UNIT_EXPECTED.timeOfDay],
    ['2230', UNIT_EXPECTED.timeOfDay],
    [1350, UNIT_EXPECTED.timeOfDay], // YAML 1.1 reads unquoted 22:30 as sexagesimal 1350
  ])('rejects %j: expected %s', (input, expected) => {
    expect(expectedOf(parseTimeOfDay(input))).toBe(expected);
  });

  it('writes minutes as HH:MM', () => {
    expect(formatTimeOfDay(425)).toBe('07:05');
    expect(formatTimeOfDay(1350)).toBe('22:30');
  });
});

describe('time zones', () => {
  it.each(['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Etc/GMT+5'])('knows %s', (name) => {
    expect(isTimeZone(name)).toBe(true);
    expect(okValue(parseTimeZone(name))).toBe(name);
  });

  it.each(['', 'Mars/Olympus_Mons', 'New York', '+02:00'])('rejects %j', (name) => {
    expect(isTimeZone(name)).toBe(false);
    expect(expectedOf(parseTimeZone(name))).toBe(UNIT_EXPECTED.timeZone);
  });
});

// Canonical text is what the formatter writes. From random integers: format, parse,
// format again; both the text and the number must survive.
function roundTrips<T>(
  arb: fc.Arbitrary<T>,
  format: (x: T) => string,
  parse: (s: string) => UnitResult<number>,
  asNumber: (x: T) => number = (x) => x as number,
): void {
  fc.assert(
    fc.property(arb, (x) => {
      const text = format(x);
      const back = okValue(parse(text));
      expect(back).toBe(asNumber(x));
      expect(format(back as T)).toBe(text);
    }),
  );
}

describe('round trips', () => {
  const safe = fc.maxSafeNat();
  const mixed = fc.oneof(
    safe,
    fc.nat({ max: 1e6 }),
    fc.nat({ max: 10_000 }).map((n) => n * 2 ** 30),
  );

  it('should always parse a formatted duration back to the same ms and text', () => {
    roundTrips(fc.oneof(safe, fc.nat({ max: 10 * DAY })), formatDuration, parseDuration);
  });

  it('should always parse a formatted size back to the same bytes and text, binary or decimal', () => {
    roundTrips(mixed, (n) => formatSize(n), parseSize);
    roundTrips(
      fc.oneof(
        safe,
        fc.nat({ max: 1e7 }).map((n) => n * 1e6),
      ),
      (n) => formatSize(n, { binary: false }),
      parseSize,
    );
  });

  it('should always parse a formatted bandwidth back to the same rate and text', () => {
    // Any whole number of bits per second, as bytes per second.
    roundTrips(
      fc
        .oneof(
          safe,
          fc.nat({ max: 100_000 }).map((n) => n * 1e6),
        )
        .map((bits) => bits / 8),
      (n) => formatBandwidth(n),
      parseBandwidth,
    );
    roundTrips(fc.nat({ max: 2 ** 40 }), (n) => formatBandwidth(n, { bytes: true }), parseBandwidth);
  });

  it('should always parse a formatted percentage back to the same fraction and text', () => {
    // Fractions that some percentage text denotes: n / 10^k percent.
    const fraction = fc
      .tuple(fc.nat({ max: 4 }), fc.nat({ max: 100_000 }))
      .map(([k, n]) => Math.min(n, 100 * 10 ** k) / 10 ** (k + 2));
    roundTrips(fraction, formatPercent, (s) => parsePercent(s));
  });

  it('should always parse a formatted time of day back to the same minutes and text', () => {
    roundTrips(fc.nat({ max: 1439 }), formatTimeOfDay, parseTimeOfDay);
  });

  it('should always parse a formatted instant back to the same epoch ms and text', () => {
    // 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: the four-digit years ISO 8601 writes.
    roundTrips(
      fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
      formatInstant,
      parseInstant,
    );
  });

  it('should always read the same instant whatever offset it is written with', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }).map((t) => t - (t % 60_000)),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (t, offsetMin) => {
          const local = formatInstant(t + offsetMin * 60_000).replace('Z', '');
          const sign = offsetMin < 0 ? '-' : '+';
          const abs = Math.abs(offsetMin);
          const zone = `${sign}${formatTimeOfDay(abs)}`;
          expect(okValue(parseInstant(`${local}${zone}`))).toBe(t);
        },
      ),
    );
  });
});

describe('robustness', () => {
  const parsers = [
    parseDuration,
    parseSize,
    parseBandwidth,
    (x: unknown) => parsePercent(x),
    parseInstant,
    parseTimeOfDay,
    parseTimeZone,
  ];
  const unitish = fc.stringMatching(/^-?[0-9.,]{0,12}(ms|[smhdwWDHMSYP%T:]|[KMGTP]i?B|[KMGT]bps|B\/s|Z)*$/);

  it('should never throw, on any string or YAML value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), unitish, fc.anything()), (input) => {
        for (const parse of parsers) {
          const r = parse(input);
          expect(typeof r.ok).toBe('boolean');
          if (r.ok) expect(Number.isFinite(r.value) || typeof r.value === 'string').toBe(true);
          else expect(r.expected.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
