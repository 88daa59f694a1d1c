import type { Community, Grid } from '../org-types';

/**
 * Communities (社区) per street/town, with a centre point inside the street's polygon. 金汤社区 (温泉街道)
 * and 军门社区 (东街街道) are named in the source article; the rest are real or plausible names near
 * each street. Centres are approximate.
 */
export const COMMUNITIES: Community[] = [
  { _id: 'comm-yeshan', name: '冶山社区', streetId: 'street-gudong', centre: [119.3087, 26.0955] },
  { _id: 'comm-qiantang', name: '钱塘社区', streetId: 'street-gudong', centre: [119.3063, 26.0955] },
  { _id: 'comm-shudou', name: '树兜社区', streetId: 'street-gudong', centre: [119.3087, 26.0935] },
  { _id: 'comm-guping', name: '鼓屏社区', streetId: 'street-gudong', centre: [119.3063, 26.0935] },
  { _id: 'comm-shengfu', name: '省府社区', streetId: 'street-gudong', centre: [119.3075, 26.0962] },
  { _id: 'comm-xihu', name: '西湖社区', streetId: 'street-guxi', centre: [119.2907, 26.0885] },
  { _id: 'comm-yangqiao', name: '杨桥社区', streetId: 'street-guxi', centre: [119.2883, 26.0885] },
  { _id: 'comm-shuangpao', name: '双抛社区', streetId: 'street-guxi', centre: [119.2907, 26.0865] },
  { _id: 'comm-guxi', name: '鼓西社区', streetId: 'street-guxi', centre: [119.2883, 26.0865] },
  { _id: 'comm-guangrong', name: '光荣社区', streetId: 'street-guxi', centre: [119.2895, 26.0892] },
  { _id: 'comm-jintang', name: '金汤社区', streetId: 'street-wenquan', centre: [119.3167, 26.0905] },
  { _id: 'comm-wenquan', name: '温泉社区', streetId: 'street-wenquan', centre: [119.3143, 26.0905] },
  { _id: 'comm-tangbian', name: '汤边社区', streetId: 'street-wenquan', centre: [119.3167, 26.0885] },
  { _id: 'comm-dongda', name: '东大社区', streetId: 'street-wenquan', centre: [119.3143, 26.0885] },
  { _id: 'comm-hudong', name: '湖东社区', streetId: 'street-wenquan', centre: [119.3155, 26.0912] },
  { _id: 'comm-wusi', name: '五四社区', streetId: 'street-wenquan', centre: [119.3155, 26.0878] },
  { _id: 'comm-junmen', name: '军门社区', streetId: 'street-dongjie', centre: [119.3047, 26.0885] },
  { _id: 'comm-dongjie', name: '东街社区', streetId: 'street-dongjie', centre: [119.3023, 26.0885] },
  { _id: 'comm-wenzao', name: '文藻社区', streetId: 'street-dongjie', centre: [119.3047, 26.0865] },
  { _id: 'comm-qixunkou', name: '旗汛口社区', streetId: 'street-dongjie', centre: [119.3023, 26.0865] },
  { _id: 'comm-weiqian', name: '卫前社区', streetId: 'street-dongjie', centre: [119.3035, 26.0892] },
  { _id: 'comm-qingcheng', name: '庆城社区', streetId: 'street-dongjie', centre: [119.3035, 26.0858] },
  { _id: 'comm-guanglu', name: '光禄社区', streetId: 'street-nanjie', centre: [119.2972, 26.0835] },
  { _id: 'comm-wenru', name: '文儒社区', streetId: 'street-nanjie', centre: [119.2948, 26.0835] },
  { _id: 'comm-taxiang', name: '塔巷社区', streetId: 'street-nanjie', centre: [119.2972, 26.0815] },
  { _id: 'comm-jibi', name: '吉庇社区', streetId: 'street-nanjie', centre: [119.2948, 26.0815] },
  { _id: 'comm-nanying', name: '南营社区', streetId: 'street-nanjie', centre: [119.2960, 26.0842] },
  { _id: 'comm-gongxiang', name: '宫巷社区', streetId: 'street-nanjie', centre: [119.2960, 26.0808] },
  { _id: 'comm-zhuzifang', name: '朱紫坊社区', streetId: 'street-antai', centre: [119.3032, 26.0810] },
  { _id: 'comm-antai', name: '安泰社区', streetId: 'street-antai', centre: [119.3008, 26.0810] },
  { _id: 'comm-wushan', name: '乌山社区', streetId: 'street-antai', centre: [119.3032, 26.0790] },
  { _id: 'comm-fahai', name: '法海社区', streetId: 'street-antai', centre: [119.3008, 26.0790] },
  { _id: 'comm-guanfengting', name: '观风亭社区', streetId: 'street-antai', centre: [119.3020, 26.0817] },
  { _id: 'comm-pingxi', name: '屏西社区', streetId: 'street-huada', centre: [119.3002, 26.1050] },
  { _id: 'comm-beida', name: '北大社区', streetId: 'street-huada', centre: [119.2978, 26.1050] },
  { _id: 'comm-huaping', name: '华屏社区', streetId: 'street-huada', centre: [119.3002, 26.1030] },
  { _id: 'comm-pingshan', name: '屏山社区', streetId: 'street-huada', centre: [119.2978, 26.1030] },
  { _id: 'comm-hutou', name: '湖头社区', streetId: 'street-huada', centre: [119.2990, 26.1057] },
  { _id: 'comm-shuibu', name: '水部社区', streetId: 'street-shuibu', centre: [119.3197, 26.0805] },
  { _id: 'comm-qiongdong', name: '琼东社区', streetId: 'street-shuibu', centre: [119.3173, 26.0805] },
  { _id: 'comm-gutian', name: '古田社区', streetId: 'street-shuibu', centre: [119.3197, 26.0785] },
  { _id: 'comm-fuxin', name: '福新社区', streetId: 'street-shuibu', centre: [119.3173, 26.0785] },
  { _id: 'comm-lequn', name: '乐群社区', streetId: 'street-shuibu', centre: [119.3185, 26.0812] },
  { _id: 'comm-wufeng', name: '五凤社区', streetId: 'street-wufeng', centre: [119.2866, 26.1110] },
  { _id: 'comm-zuohai', name: '左海社区', streetId: 'street-wufeng', centre: [119.2794, 26.1110] },
  { _id: 'comm-meifeng', name: '梅峰社区', streetId: 'street-wufeng', centre: [119.2866, 26.1050] },
  { _id: 'comm-fenghu', name: '凤湖社区', streetId: 'street-wufeng', centre: [119.2794, 26.1050] },
  { _id: 'comm-tongpan', name: '铜盘社区', streetId: 'street-wufeng', centre: [119.2830, 26.1131] },
  { _id: 'comm-qinting', name: '琴亭社区', streetId: 'street-wufeng', centre: [119.2830, 26.1029] },
  { _id: 'comm-hongshan', name: '洪山社区', streetId: 'street-hongshan', centre: [119.2676, 26.0980] },
  { _id: 'comm-xihong', name: '西洪社区', streetId: 'street-hongshan', centre: [119.2604, 26.0980] },
  { _id: 'comm-honggan', name: '洪甘社区', streetId: 'street-hongshan', centre: [119.2676, 26.0920] },
  { _id: 'comm-jinniushan', name: '金牛山社区', streetId: 'street-hongshan', centre: [119.2604, 26.0920] },
  { _id: 'comm-jijiuling', name: '祭酒岭社区', streetId: 'street-hongshan', centre: [119.2640, 26.1001] },
  { _id: 'comm-xichan', name: '西禅社区', streetId: 'street-hongshan', centre: [119.2640, 26.0899] },
];

/** Grids (网格): three per community, ids `grid-<community>-<n>`. */
export const GRIDS_PER_COMMUNITY = 3;
export const GRIDS: Grid[] = COMMUNITIES.flatMap((c) =>
  Array.from({ length: GRIDS_PER_COMMUNITY }, (_, i) => ({
    _id: `grid-${c._id.slice('comm-'.length)}-${i + 1}`,
    name: `${c.name}第${i + 1}网格`,
    communityId: c._id,
    streetId: c.streetId,
  })),
);
