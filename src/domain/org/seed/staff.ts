import type { Post, Staff, StaffRole } from '../org-types';
import { COMMUNITIES } from './communities';
import { DEPARTMENTS, CITY_UNITS } from './departments';
import { STREETS } from './streets';

/**
 * Staff seed. Names are invented (plausible Fuzhou names), except three people named in the source
 * article: 毛晓嘉 (五凤街道一线处置员), 郑净 (智慧鼓楼服务中心副主任), 林芳芳 (洪山镇指挥分中心).
 * Phones are fake (138 0591 xxxx). Every record gets a dev openid `dev-<_id>` for local development;
 * production binds real openids through the invite code.
 */

// A fixed pool of invented names, consumed in order (deterministic).
const NAME_POOL = (
  '陈建华 林秀英 黄志明 郑丽娟 王海涛 吴晓燕 刘国强 张美玲 李振宇 杨淑芬 何俊杰 许文斌 魏晓东 高雪梅 ' +
  '邱永福 蔡明辉 卢玉珍 方建国 潘立新 江春燕 游志坚 叶秋萍 范德胜 谢宏伟 肖丽萍 詹国平 连晓红 薛建平 ' +
  '翁思远 严文静 苏伟民 朱凤英 阮志勇 余美华 周立峰 施晓琳 曾宪平 姚丽华 罗文杰 唐慧敏 徐志刚 孙雅琴 ' +
  '胡晓峰 郭秀兰 马德明 韩丽清 董文龙 程晓敏 钟永康 赖雪芳 邓振华 彭丽君 危建宁 庄凌云 丁国华 傅晓莉 ' +
  '沈立军 田美英 龚文涛 柯丽珍 卓志华 欧阳明 池晓丹 官建中 兰玉华 邹宏斌 陆佳琪 汤德福 袁晓梅 石振宇 ' +
  '戴海英 侯文彬 万丽芳 雷志强 钱晓霞 宋建伟 黎秀珍 孔令辉 毛建春 康晓君 熊立明 金丽娜 白文华 ' +
  '夏志远 蒋雪莲 尤振东 吕秀云 俞晓彬 倪建坤 秦丽娇 骆文辉 陶晓光 任美琴 饶建生 葛丽萍 易志成 ' +
  '邵晓玲 章文斌 鲍建宏 季丽云 褚永强 郝晓静 邢志鹏 滕丽敏 殷建荣 祁晓红 甘文祥 涂丽香 岳志军 ' +
  '温晓东 梁美珠 曹建明 冯丽琼 包振兴 贺晓慧 齐德胜 华丽娟 柳志宏 花晓燕 宁文清 林德泉 陈美珍 黄明亮 郑晓菁 ' +
  '王立华 吴秀娟 刘振兴 张晓薇 李建南 杨丽芸 何志平 许晓雯 魏国辉 高丽娜 邱文彬 蔡秀琴 卢建辉 方晓蕾 潘国栋 江丽虹 '
)
  .trim()
  .split(/\s+/);

let nameCursor = 0;
let serial = 0;
function nextName(): string {
  const n = NAME_POOL[nameCursor % NAME_POOL.length];
  nameCursor += 1;
  return n;
}

function staff(
  _id: string,
  roles: StaffRole[],
  extra: { name?: string; streetId?: string; communityId?: string; deptId?: string; post?: Post; title?: string } = {},
): Staff {
  serial += 1;
  const s: Staff = {
    _id,
    name: extra.name ?? nextName(),
    roles,
    phone: `1380591${String(serial).padStart(4, '0')}`,
    inviteCode: `GL${String(1000 + serial * 37).padStart(6, '0')}`,
    openid: `dev-${_id}`,
  };
  if (extra.streetId) s.streetId = extra.streetId;
  if (extra.communityId) s.communityId = extra.communityId;
  if (extra.deptId) s.deptId = extra.deptId;
  if (extra.post) s.post = extra.post;
  if (extra.title) s.title = extra.title;
  return s;
}

function shortId(id: string): string {
  return id.replace(/^(street|comm|dept|city)-/, '');
}

function build(): Staff[] {
  const out: Staff[] = [];

  // Named in the article.
  out.push(staff('staff-maoxiaojia', ['handler'], { name: '毛晓嘉', streetId: 'street-wufeng', title: '五凤街道一线处置员' }));
  out.push(staff('staff-zhengjing', ['command', 'leader'], { name: '郑净', deptId: 'dept-zhzx', post: 'deputy', title: '智慧鼓楼服务中心副主任' }));
  out.push(staff('staff-linfangfang', ['handler'], { name: '林芳芳', streetId: 'street-hongshan', title: '洪山镇指挥分中心工作人员' }));

  // Street handlers (1–2 per street) and street leaders (two per street for the rota).
  for (const st of STREETS) {
    const sid = shortId(st._id);
    const firstHandler = st._id === 'street-wufeng' || st._id === 'street-hongshan' ? 2 : 1;
    for (let i = firstHandler; i <= 2; i++) {
      if (i === 2 && !['street-wufeng', 'street-hongshan', 'street-wenquan', 'street-dongjie', 'street-gudong'].includes(st._id)) continue;
      out.push(staff(`staff-${sid}-handler-${i}`, ['handler'], { streetId: st._id, title: `${st.name}一线处置员` }));
    }
    out.push(staff(`staff-${sid}-leader-1`, ['leader'], { streetId: st._id, title: `${st.name}${st.kind === 'town' ? '镇长' : '主任'}` }));
    out.push(staff(`staff-${sid}-leader-2`, ['leader'], { streetId: st._id, title: `${st.name}${st.kind === 'town' ? '副镇长' : '副主任'}` }));
  }

  // Community workers in 金汤 and 军门 (the article's communities) and one in a few others.
  for (const cid of ['comm-jintang', 'comm-junmen', 'comm-wufeng', 'comm-guanglu']) {
    const c = COMMUNITIES.find((x) => x._id === cid);
    if (!c) continue;
    const n = cid === 'comm-jintang' || cid === 'comm-junmen' ? 2 : 1;
    for (let i = 1; i <= n; i++) {
      out.push(staff(`staff-${shortId(cid)}-worker-${i}`, ['community'], { streetId: c.streetId, communityId: cid, title: `${c.name}工作人员` }));
    }
  }

  // Department posts: officer / deputy / chief for every department and sub-unit (not the command centre).
  for (const d of DEPARTMENTS) {
    if (d.kind === 'command') continue;
    const id = shortId(d._id);
    out.push(staff(`staff-${id}-officer`, ['dept'], { deptId: d._id, post: 'officer', title: `${d.fullName}经办人` }));
    out.push(staff(`staff-${id}-deputy`, ['dept', 'deptLeader'], { deptId: d._id, post: 'deputy', title: `${d.fullName}分管领导` }));
    out.push(staff(`staff-${id}-chief`, ['dept', 'deptLeader'], { deptId: d._id, post: 'chief', title: `${d.fullName}主责领导` }));
  }
  // A second officer where the work is heaviest.
  out.push(staff('staff-cgj-szs-officer-2', ['dept'], { deptId: 'dept-cgj-szs', post: 'officer', title: '区城管局市政所经办人' }));
  out.push(staff('staff-cgj-zfdd-officer-2', ['dept'], { deptId: 'dept-cgj-zfdd', post: 'officer', title: '区城管局执法大队经办人' }));

  // City units: one liaison officer each.
  for (const u of CITY_UNITS) {
    out.push(staff(`staff-${shortId(u._id)}-officer`, ['dept'], { deptId: u._id, post: 'officer', title: `${u.name}联络员` }));
  }

  // Command centre operators, district leaders on the rota, administrator.
  out.push(staff('staff-zhzx-operator-1', ['command'], { deptId: 'dept-zhzx', title: '指挥中心值班员' }));
  out.push(staff('staff-zhzx-operator-2', ['command'], { deptId: 'dept-zhzx', title: '指挥中心值班员' }));
  out.push(staff('staff-zhzx-director', ['command', 'leader'], { deptId: 'dept-zhzx', post: 'chief', title: '智慧鼓楼服务中心主任' }));
  for (let i = 1; i <= 5; i++) {
    out.push(staff(`staff-district-leader-${i}`, ['leader'], { title: i === 1 ? '区长' : '副区长' }));
  }
  out.push(staff('staff-admin', ['admin', 'command'], { deptId: 'dept-zhzx', title: '系统管理员' }));
  return out;
}

export const STAFF: Staff[] = build();
