import { mayChangeRouting, ruleScope, type RoutingCaller, type RuleScope } from '@domain/org/routing-authority';
import { ROTA } from '@domain/org/seed';

// 2026-11-18 is a Wednesday: district-leader-3 and each street's leader-1 are on duty
const WED = Date.parse('2026-11-18T10:00:00+08:00');
const DISTRICT: RuleScope = { kind: 'district' };
const WUFENG: RuleScope = { kind: 'street', streetId: 'street-wufeng' };
const GUDONG: RuleScope = { kind: 'street', streetId: 'street-gudong' };

const callers: Record<string, RoutingCaller> = {
  admin: { roles: ['citizen', 'admin'], staffId: 'staff-admin' },
  command: { roles: ['citizen', 'command'], staffId: 'staff-zhzx-1' },
  'district leader on duty': { roles: ['citizen', 'leader'], staffId: 'staff-district-leader-3' },
  'district leader off duty': { roles: ['citizen', 'leader'], staffId: 'staff-district-leader-1' },
  'wufeng leader on duty': { roles: ['citizen', 'leader'], staffId: 'staff-wufeng-leader-1', streetId: 'street-wufeng' },
  'wufeng leader off duty': { roles: ['citizen', 'leader'], staffId: 'staff-wufeng-leader-2', streetId: 'street-wufeng' },
  handler: { roles: ['citizen', 'handler'], staffId: 'staff-maoxiaojia', streetId: 'street-wufeng' },
  citizen: { roles: ['citizen'] },
};

describe('who may change routing (matrix)', () => {
  test.each<[string, RuleScope[], boolean]>([
    ['admin', [DISTRICT], true],
    ['admin', [WUFENG], true],
    ['command', [DISTRICT], true],
    ['command', [GUDONG], true],
    ['district leader on duty', [DISTRICT], true],
    ['district leader on duty', [WUFENG], true],
    ['district leader off duty', [DISTRICT], false],
    ['district leader off duty', [WUFENG], false],
    ['wufeng leader on duty', [WUFENG], true],
    ['wufeng leader on duty', [DISTRICT], false],
    ['wufeng leader on duty', [GUDONG], false],
    ['wufeng leader on duty', [GUDONG, WUFENG], false], // taking over another street's rule
    ['wufeng leader on duty', [WUFENG, DISTRICT], false], // widening an own-street rule to the district
    ['wufeng leader off duty', [WUFENG], false],
    ['handler', [WUFENG], false],
    ['citizen', [WUFENG], false],
  ])('%s × %j → %s', (who, scopes, allowed) => {
    expect(mayChangeRouting(callers[who], scopes, ROTA, WED).ok).toBe(allowed);
  });
});

test('scope of an area: street, community → its street, polygon-only or none → district', () => {
  const streetOf = (id: string) => (id === 'comm-jintang' ? 'street-wufeng' : undefined);
  expect(ruleScope({ streetId: 'street-gudong' }, streetOf)).toEqual(GUDONG);
  expect(ruleScope({ communityId: 'comm-jintang' }, streetOf)).toEqual(WUFENG);
  expect(ruleScope({ polygon: { type: 'Polygon', coordinates: [] } }, streetOf)).toEqual(DISTRICT);
  expect(ruleScope(undefined, streetOf)).toEqual(DISTRICT);
});

test('administrators and the command centre adopt; leaders on the rota only propose', () => {
  const mode = (who: string, scope: RuleScope) => {
    const v = mayChangeRouting(callers[who], [scope], ROTA, WED);
    return v.ok ? v.mode : null;
  };
  expect(mode('admin', DISTRICT)).toBe('adopt');
  expect(mode('command', WUFENG)).toBe('adopt');
  expect(mode('district leader on duty', DISTRICT)).toBe('propose');
  expect(mode('wufeng leader on duty', WUFENG)).toBe('propose');
  expect(mode('wufeng leader off duty', WUFENG)).toBeNull();
});
