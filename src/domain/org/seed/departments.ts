import type { CityUnit, Department } from '../org-types';

/** District departments (区直部门) with the 区城管局 sub-units, and the command centre. */
export const DEPARTMENTS: Department[] = [
  { _id: 'dept-zhzx', name: '区城市运行指挥中心', fullName: '鼓楼区城市运行指挥中心（智慧鼓楼服务中心）', kind: 'command' },
  { _id: 'dept-cgj', name: '区城管局', fullName: '区城管局', kind: 'district' },
  { _id: 'dept-cgj-szs', name: '市政所', fullName: '区城管局市政所', kind: 'sub', parentId: 'dept-cgj' },
  { _id: 'dept-cgj-zfdd', name: '执法大队', fullName: '区城管局执法大队', kind: 'sub', parentId: 'dept-cgj' },
  { _id: 'dept-cgj-hwc', name: '环卫处', fullName: '区城管局环卫处', kind: 'sub', parentId: 'dept-cgj' },
  { _id: 'dept-sthjj', name: '区生态环境局', fullName: '区生态环境局', kind: 'district' },
  { _id: 'dept-zjj', name: '区住建局', fullName: '区住建局', kind: 'district' },
  { _id: 'dept-scjgj', name: '区市场监管局', fullName: '区市场监管局', kind: 'district' },
  { _id: 'dept-ylzx', name: '区园林中心', fullName: '区园林中心', kind: 'district' },
  { _id: 'dept-gafj', name: '区公安分局', fullName: '区公安分局', kind: 'district' },
  { _id: 'dept-jjdd', name: '区交警大队', fullName: '区交警大队', kind: 'district' },
  { _id: 'dept-wjj', name: '区卫健局', fullName: '区卫健局', kind: 'district' },
  { _id: 'dept-mzj', name: '区民政局', fullName: '区民政局', kind: 'district' },
  { _id: 'dept-yjglj', name: '区应急管理局', fullName: '区应急管理局', kind: 'district' },
  { _id: 'dept-xfjydd', name: '区消防救援大队', fullName: '区消防救援大队', kind: 'district' },
  { _id: 'dept-swj', name: '区商务局', fullName: '区商务局', kind: 'district' },
  { _id: 'dept-jyj', name: '区教育局', fullName: '区教育局', kind: 'district' },
  { _id: 'dept-wtlj', name: '区文体旅局', fullName: '区文体旅局', kind: 'district' },
  { _id: 'dept-fgj', name: '区发改局', fullName: '区发改局', kind: 'district' },
  { _id: 'dept-rsj', name: '区人社局', fullName: '区人社局', kind: 'district' },
  { _id: 'dept-sfj', name: '区司法局', fullName: '区司法局', kind: 'district' },
  { _id: 'dept-slj', name: '区水利局', fullName: '区水利局', kind: 'district' },
  { _id: 'dept-gzzx', name: '区国资中心', fullName: '区国资中心', kind: 'district' },
  { _id: 'dept-sjglj', name: '区数据管理局', fullName: '区数据管理局', kind: 'district' },
];

/** City-level units (市直单位) and the district department that coordinates and tracks them. */
export const CITY_UNITS: CityUnit[] = [
  { _id: 'city-swjt', name: '福州市水务集团', counterpartDeptId: 'dept-slj' },
  { _id: 'city-gdgs', name: '国网福州供电公司', counterpartDeptId: 'dept-fgj' },
  { _id: 'city-dtjt', name: '福州地铁集团', counterpartDeptId: 'dept-zjj' },
  { _id: 'city-rqgs', name: '福州华润燃气', counterpartDeptId: 'dept-yjglj' },
  { _id: 'city-txyys', name: '通信运营商', counterpartDeptId: 'dept-sjglj' },
];
