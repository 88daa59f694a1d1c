import type { Community, Department, Staff } from '../org-types';
import { GULOU_SEED } from './index';
import { COMMUNITIES } from './communities';
import { DEPARTMENTS } from './departments';
import { STREETS } from './streets';

/**
 * Gulou at the scale of the source article: ≥ 80 departments each with an officer, a deputy and a chief, ≥ 4 000
 * cadres, the 10 streets (9 + 洪山镇) and about 60 communities. It is the Gulou seed (every name and `_id` kept)
 * plus generated records: more district bureaus and the stations of the big departments in every street (派出所,
 * 市场监管所, 城管中队), a few more communities, and grid workers and street staff with plausible invented names.
 * Deterministic: the same call always gives the same documents (no clock, no randomness).
 */

/** District bureaus and centres not in the base seed (names of the kind every Fuzhou district has). */
const MORE_BUREAUS = [
  ['czj', '区财政局'], ['sjj', '区审计局'], ['tjj', '区统计局'], ['xfj', '区信访局'], ['tyjrj', '区退役军人事务局'],
  ['ybj', '区医保局'], ['kjj', '区科技局'], ['gxj', '区工信局'], ['zrzyj', '区自然资源局'], ['nyncj', '区农业农村局'],
  ['jgswj', '区机关事务中心'], ['rfb', '区人防办'], ['qlw', '区侨联'], ['fl', '区妇联'], ['cl', '区残联'],
  ['gqw', '区团委'], ['zgh', '区总工会'], ['mzzjj', '区民族与宗教事务局'], ['tyzx', '区体育中心'], ['ggjyzx', '区公共资源交易中心'],
  ['zfbzzx', '区住房保障中心'], ['wyglzx', '区物业管理服务中心'], ['szglzx', '区市政设施管理中心'], ['dagx', '区档案馆'], ['lnyzx', '区老年大学'],
  ['jkzx', '区疾病预防控制中心'], ['csgxzx', '区城市更新中心'],
] as const;

/** Per-street stations of the departments with the most field work. */
const STATIONS = [
  { parentId: 'dept-gafj', suffix: '派出所', key: 'pcs' },
  { parentId: 'dept-scjgj', suffix: '市场监管所', key: 'scjgs' },
  { parentId: 'dept-cgj-zfdd', suffix: '城管中队', key: 'cgzd' },
] as const;

/** Communities added to reach about 60 (centres near their street's centre, inside its territory). */
const MORE_COMMUNITIES: Array<[string, string, string]> = [
  ['comm-jiangfan', '江藩社区', 'street-huada'],
  ['comm-sanfang', '三坊社区', 'street-nanjie'],
  ['comm-anmin', '安民社区', 'street-antai'],
  ['comm-wuyi', '五一社区', 'street-shuibu'],
  ['comm-xiangban', '祥坂社区', 'street-hongshan'],
];

const SURNAMES = '陈林黄郑王吴刘张李杨何许魏高邱蔡卢方潘江游叶范谢肖詹连薛翁严苏朱阮余周施曾姚罗唐徐孙胡郭马韩董程钟赖邓彭庄丁傅沈田龚柯卓池官兰邹陆汤袁石戴侯万雷钱宋黎孔毛康熊金白夏蒋尤吕俞倪秦骆陶任饶葛易邵章鲍'.split('');
const GIVEN = '建华秀英志明丽娟海涛晓燕国强美玲振宇淑芬俊杰文斌晓东雪梅永福明辉玉珍建国立新春燕志坚秋萍德胜宏伟丽萍国平晓红建平思远文静伟民凤英志勇美华立峰晓琳宪平丽华文杰慧敏志刚雅琴晓峰秀兰德明丽清文龙晓敏永康雪芳振华丽君建宁凌云国华晓莉立军美英文涛丽珍志华明亮晓丹建中玉华宏斌佳琪德福晓梅'.match(/../g) as string[];

/** The i-th invented name: surname × given name, every pair once before any repeats (then the pairs again). */
export function inventedName(i: number): string {
  const s = i % SURNAMES.length;
  const g = (Math.floor(i / SURNAMES.length) * 7 + s * 3) % GIVEN.length;
  return SURNAMES[s] + GIVEN[g];
}

export interface LargeSeedOptions {
  /** grid workers per community (default 62) */
  workersPerCommunity?: number;
  /** extra street staff (handlers) per street (default 3) */
  handlersPerStreet?: number;
}

export function largeSeed(opts: LargeSeedOptions = {}): typeof GULOU_SEED {
  const workersPerCommunity = opts.workersPerCommunity ?? 62;
  const handlersPerStreet = opts.handlersPerStreet ?? 3;
  const streetById = new Map(STREETS.map((s) => [s._id, s]));

  const communities: Community[] = [
    ...COMMUNITIES,
    ...MORE_COMMUNITIES.map(([_id, name, streetId], i) => {
      const c = streetById.get(streetId)!.centre;
      return { _id, name, streetId, centre: [Number((c[0] + 0.0006 * ((i % 3) - 1)).toFixed(4)), Number((c[1] + 0.0005).toFixed(4))] as [number, number] };
    }),
  ];

  const departments: Department[] = [
    ...DEPARTMENTS,
    ...MORE_BUREAUS.map(([key, name]) => ({ _id: `dept-${key}`, name, fullName: name, kind: 'district' as const })),
    ...STATIONS.flatMap((st) => {
      const parent = DEPARTMENTS.find((d) => d._id === st.parentId)!;
      const top = parent.parentId ? DEPARTMENTS.find((d) => d._id === parent.parentId)! : parent;
      return STREETS.map((s) => {
        const place = s.name.replace(/(街道|镇)$/, '');
        return { _id: `${st.parentId}-${st.key}-${s._id.replace(/^street-/, '')}`, name: `${place}${st.suffix}`, fullName: `${top.name}${place}${st.suffix}`, kind: 'sub' as const, parentId: top._id };
      });
    }),
  ];

  const staff: Staff[] = [...GULOU_SEED.staff];
  let serial = 0;
  const person = (_id: string, roles: Staff['roles'], extra: Partial<Staff>): Staff => {
    serial += 1;
    return {
      _id,
      name: inventedName(serial),
      roles,
      phone: `139${String(5910000 + serial).padStart(8, '0')}`,
      inviteCode: `GX${String(serial).padStart(6, '0')}`,
      openid: `dev-${_id}`,
      ...extra,
    } as Staff;
  };
  const base = new Set(DEPARTMENTS.map((d) => d._id));
  for (const d of departments) {
    if (base.has(d._id)) continue;
    const id = d._id.replace(/^dept-/, '');
    staff.push(person(`staff-${id}-officer`, ['dept'], { deptId: d._id, post: 'officer', title: `${d.fullName}经办人` }));
    staff.push(person(`staff-${id}-deputy`, ['dept', 'deptLeader'], { deptId: d._id, post: 'deputy', title: `${d.fullName}分管领导` }));
    staff.push(person(`staff-${id}-chief`, ['dept', 'deptLeader'], { deptId: d._id, post: 'chief', title: `${d.fullName}主责领导` }));
  }
  for (const s of STREETS) {
    const sid = s._id.replace(/^street-/, '');
    for (let i = 1; i <= handlersPerStreet; i++) {
      staff.push(person(`staff-${sid}-handler-g${String(i).padStart(2, '0')}`, ['handler'], { streetId: s._id, title: `${s.name}一线处置员` }));
    }
  }
  for (const c of communities) {
    const cid = c._id.replace(/^comm-/, '');
    for (let i = 1; i <= workersPerCommunity; i++) {
      staff.push(person(`staff-${cid}-grid-${String(i).padStart(3, '0')}`, ['community'], { streetId: c.streetId, communityId: c._id, title: `${c.name}网格员` }));
    }
  }
  return { ...GULOU_SEED, communities, departments, staff };
}
