import type { Category } from '../org-types';

const H = 60;
const D = 24 * H;

/**
 * The 23 categories of docs/REQUIREMENTS.md (names exactly as written). Deadlines (规定时间) are minutes from
 * dispatch and editable by an administrator; the values are realistic defaults (urgent hazards in
 * hours, repairs in days). City-unit matters name the unit; routing adds its counterpart tracker.
 */
export const CATEGORIES: Category[] = [
  { _id: 'cat-lamp', code: 'lamp', name: '路灯不亮', class: '部件', ownerDeptIds: ['dept-cgj-szs'], gridItem: false, deadlineMinutes: 3 * D, keywords: ['路灯', '不亮', '灯坏'], sort: 1 },
  { _id: 'cat-road', code: 'road', name: '道路破损', class: '部件', ownerDeptIds: ['dept-cgj-szs'], gridItem: false, deadlineMinutes: 3 * D, keywords: ['坑', '路面', '破损'], sort: 2 },
  { _id: 'cat-manhole', code: 'manhole', name: '井盖缺失破损', class: '部件', ownerDeptIds: ['dept-cgj-szs'], otherCityUnitIds: ['city-swjt', 'city-gdgs'], gridItem: false, deadlineMinutes: 4 * H, keywords: ['井盖'], sort: 3 },
  { _id: 'cat-guardrail', code: 'guardrail', name: '护栏缺失破损', class: '部件', ownerDeptIds: ['dept-cgj-szs'], gridItem: false, deadlineMinutes: 2 * D, keywords: ['护栏', '栏杆'], sort: 4 },
  { _id: 'cat-drain', code: 'drain', name: '排水管道堵塞破损', class: '部件', ownerDeptIds: [], cityUnitId: 'city-swjt', gridItem: false, deadlineMinutes: 2 * D, keywords: ['下水道', '排水', '管道', '堵'], sort: 5 },
  { _id: 'cat-waterlogging', code: 'waterlogging', name: '道路积水', class: '事件', ownerDeptIds: ['dept-cgj-szs'], cityUnitId: 'city-swjt', gridItem: false, deadlineMinutes: 4 * H, keywords: ['积水', '淹'], sort: 6 },
  { _id: 'cat-water-supply', code: 'water-supply', name: '供水问题', class: '事件', ownerDeptIds: [], cityUnitId: 'city-swjt', gridItem: false, deadlineMinutes: 1 * D, keywords: ['停水', '水压', '自来水', '漏水'], sort: 7 },
  { _id: 'cat-wire', code: 'wire', name: '电线下垂', class: '部件', ownerDeptIds: [], cityUnitId: 'city-gdgs', otherCityUnitIds: ['city-txyys'], gridItem: false, deadlineMinutes: 1 * D, keywords: ['电线', '线缆', '网线'], sort: 8 },
  { _id: 'cat-garbage', code: 'garbage', name: '垃圾堆放', class: '事件', ownerDeptIds: ['dept-cgj-hwc'], gridItem: false, deadlineMinutes: 8 * H, keywords: ['垃圾'], sort: 9 },
  { _id: 'cat-ads', code: 'ads', name: '乱张贴小广告', class: '事件', ownerDeptIds: ['dept-cgj-zfdd'], gridItem: false, deadlineMinutes: 1 * D, keywords: ['小广告', '张贴', '牛皮癣'], sort: 10 },
  { _id: 'cat-vending', code: 'vending', name: '占道经营', class: '事件', ownerDeptIds: ['dept-cgj-zfdd'], gridItem: false, deadlineMinutes: 4 * H, keywords: ['摆摊', '占道', '流动摊贩'], sort: 11 },
  { _id: 'cat-illegal-building', code: 'illegal-building', name: '违章搭建', class: '事件', ownerDeptIds: ['dept-cgj-zfdd'], gridItem: false, deadlineMinutes: 7 * D, pauseAtNight: true, keywords: ['违建', '搭建', '加盖'], sort: 12 },
  { _id: 'cat-fumes', code: 'fumes', name: '餐饮油烟', class: '事件', ownerDeptIds: ['dept-sthjj', 'dept-cgj'], gridItem: false, deadlineMinutes: 2 * D, keywords: ['油烟', '烧烤'], sort: 13 },
  { _id: 'cat-noise', code: 'noise', name: '噪音扰民', class: '事件', ownerDeptIds: ['dept-sthjj', 'dept-gafj'], gridItem: false, deadlineMinutes: 2 * H, keywords: ['噪音', '吵'], sort: 14 },
  { _id: 'cat-greenery', code: 'greenery', name: '园林绿化损坏', class: '部件', ownerDeptIds: ['dept-ylzx'], gridItem: false, deadlineMinutes: 3 * D, pauseAtNight: true, keywords: ['树', '绿化', '花坛', '草坪'], sort: 15 },
  { _id: 'cat-bikes', code: 'bikes', name: '共享单车乱停放', class: '事件', ownerDeptIds: ['dept-cgj'], gridItem: false, deadlineMinutes: 4 * H, keywords: ['共享单车', '电单车'], sort: 16 },
  { _id: 'cat-traffic-light', code: 'traffic-light', name: '交通信号灯故障', class: '部件', ownerDeptIds: ['dept-jjdd'], gridItem: false, deadlineMinutes: 2 * H, keywords: ['红绿灯', '信号灯'], sort: 17 },
  { _id: 'cat-parking', code: 'parking', name: '违章停车', class: '事件', ownerDeptIds: ['dept-jjdd'], gridItem: false, deadlineMinutes: 2 * H, keywords: ['停车', '堵门', '占用'], sort: 18 },
  { _id: 'cat-corridor', code: 'corridor', name: '楼道堆物', class: '事件', ownerDeptIds: [], gridItem: true, deadlineMinutes: 2 * D, keywords: ['楼道', '堆放杂物'], sort: 19 },
  { _id: 'cat-neighbour', code: 'neighbour', name: '邻里纠纷', class: '事件', ownerDeptIds: [], gridItem: true, deadlineMinutes: 3 * D, keywords: ['邻居', '纠纷'], sort: 20 },
  { _id: 'cat-property', code: 'property', name: '物业管理问题', class: '事件', ownerDeptIds: ['dept-zjj'], gridItem: true, deadlineMinutes: 3 * D, keywords: ['物业'], sort: 21 },
  { _id: 'cat-dog', code: 'dog', name: '不文明养犬', class: '事件', ownerDeptIds: ['dept-gafj'], gridItem: true, deadlineMinutes: 1 * D, keywords: ['狗', '犬'], sort: 22 },
  { _id: 'cat-other', code: 'other', name: '其他', class: null, ownerDeptIds: [], gridItem: false, manualTriage: true, deadlineMinutes: 3 * D, sort: 23 },
];
