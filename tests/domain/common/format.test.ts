import { formatCountdown, formatDuration, formatMinutesOff, humanizeIds, INTERNAL_ID_PATTERN, nameBookOf, nameOf } from '@domain/common/format';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('durations always carry units', () => {
  test.each([
    [16 * S, '16秒'],
    [9 * M + 16 * S, '9分16秒'],
    [9 * M, '9分钟'],
    [11 * H + 15 * M, '11小时15分'],
    [2 * H, '2小时'],
    [50 * H, '2天2小时'],
    [48 * H, '2天'],
    [-5 * S, '0秒'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  test('countdowns: 剩余 / 已超时, never mm:ss or hh:mm', () => {
    expect(formatCountdown(10 * M, 44 * S)).toBe('剩余 9分16秒');
    expect(formatCountdown(0, 11 * H + 15 * M)).toBe('已超时 11小时15分');
    expect(formatCountdown(0, 0)).toBe('已超时 0秒');
    for (const ms of [5 * S, 9 * M, 3 * H, 30 * H]) expect(formatCountdown(ms, 0)).not.toMatch(/\d:\d/);
  });
  test('minutes early or late are whole minutes', () => {
    expect(formatMinutesOff(-29.8)).toBe('早30分钟');
    expect(formatMinutesOff(12.2)).toBe('晚12分钟');
    expect(formatMinutesOff(0.3)).toBe('准时');
  });
});

describe('names, never ids', () => {
  const book = nameBookOf([{ _id: 'dept-cgj-szs', name: '市政所', fullName: '区城管局市政所' }], [{ _id: 'city-dtjt', name: '福州地铁集团' }]);
  test('known ids read as their names, unknown ones as a neutral label', () => {
    expect(nameOf('dept-cgj-szs', book)).toBe('区城管局市政所');
    expect(nameOf('city-dtjt', book)).toBe('福州地铁集团');
    expect(nameOf('dept-gone', book)).toBe('某部门');
    expect(nameOf('staff-x1', book)).toBe('某工作人员');
    expect(nameOf(undefined, book)).toBe('');
  });
  test('ids inside texts (old log lines) are replaced; case ids, words and numbers are left alone', () => {
    expect(humanizeIds('责任部门 dept-cgj-szs，责任人 staff-9', book)).toBe('责任部门 区城管局市政所，责任人 某工作人员');
    expect(humanizeIds('并入 GL20261117-7K3MZQ2：同一问题', book)).toBe('并入 GL20261117-7K3MZQ2：同一问题');
    expect(humanizeIds('oAbCdEfGhIjKlMnOpQrStUvWxYz1 提交', book)).toBe('群众 提交');
  });
  test('the pattern finds every kind of id the seed uses', () => {
    for (const id of ['dept-cgj-zfdd', 'street-wf', 'staff-mao', 'comm-jt', 'city-dtjt', 'ch-12345', 'rule-fumes-wf', 'o-citizen-1']) {
      expect(`x ${id} y`.match(INTERNAL_ID_PATTERN)).toEqual([id]);
    }
    expect('区城管局市政所 已签收 剩余 9分16秒 GL20261117-7K3MZQ2'.match(INTERNAL_ID_PATTERN)).toBeNull();
  });
});
