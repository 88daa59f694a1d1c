/** 问题类型: deadlines, grid items, usual owner departments, night pause — data the routing and clocks read. */
import type { Category } from '@domain/org/org-types';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { allDocs, freshOrg, invalid, writeAudited } from './common';

export const categoriesList = implement(contract['admin.categories.list'], {
  async handler() {
    const cats = await allDocs<Category>('categories');
    return cats.sort((a, b) => a.sort - b.sort);
  },
});

export const categoriesSave = implement(contract['admin.categories.save'], {
  async handler(input, { caller, clock }) {
    const org = await freshOrg();
    for (const [i, d] of (input.ownerDeptIds ?? []).entries()) {
      if (!org.byId.dept.has(d)) throw invalid(`责任部门不存在：${d}`, `ownerDeptIds.${i}`);
    }
    if (input.cityUnitId && !org.byId.cityUnit.has(input.cityUnitId)) throw invalid(`市直单位不存在：${input.cityUnitId}`, 'cityUnitId');
    const existing = org.byId.category.get(input.code);
    let next: Category;
    if (existing) {
      next = { ...existing };
      if (input.name !== undefined) next.name = input.name;
      if (input.class !== undefined) next.class = input.class;
      if (input.deadlineMinutes !== undefined) next.deadlineMinutes = input.deadlineMinutes;
      if (input.gridItem !== undefined) next.gridItem = input.gridItem;
      if (input.ownerDeptIds !== undefined) next.ownerDeptIds = input.ownerDeptIds;
      if (input.pauseAtNight !== undefined) next.pauseAtNight = input.pauseAtNight;
      if (input.cityUnitId !== undefined) {
        if (input.cityUnitId) next.cityUnitId = input.cityUnitId;
        else delete next.cityUnitId;
      }
      if (input.disabled !== undefined) {
        if (input.disabled && next.code === 'other') throw invalid('“其他”类型用于人工分派，不能停用', 'disabled');
        next.disabled = input.disabled;
      }
    } else {
      if (!input.name) throw invalid('新增问题类型须填写类型名称', 'name');
      if (input.deadlineMinutes === undefined) throw invalid('新增问题类型须填写规定时间', 'deadlineMinutes');
      next = {
        _id: `cat-${input.code}`,
        code: input.code,
        name: input.name,
        class: input.class ?? '事件',
        ownerDeptIds: input.ownerDeptIds ?? [],
        gridItem: input.gridItem ?? false,
        deadlineMinutes: input.deadlineMinutes,
        pauseAtNight: input.pauseAtNight ?? false,
        ...(input.cityUnitId ? { cityUnitId: input.cityUnitId } : {}),
        ...(input.disabled ? { disabled: true } : {}),
        sort: Math.max(0, ...org.categories.map((c) => c.sort)) + 1,
      };
    }
    if (org.categories.some((c) => c.code !== next.code && c.name === next.name)) throw invalid(`类型名称「${next.name}」已被使用`, 'name');
    const { _id, ...doc } = next;
    const verb = !existing ? '新增' : input.disabled === true && !existing.disabled ? '停用' : input.disabled === false && existing.disabled ? '启用' : '修改';
    if (!next.gridItem && !next.manualTriage && next.ownerDeptIds.length === 0 && !next.cityUnitId && !next.disabled) throw invalid('请至少选择一个责任单位（部门或市直单位），或设为网格化事项', 'ownerDeptIds');
    await writeAudited(caller, 'admin.categories.save', `${verb}问题类型「${next.name}」`, [{ coll: 'categories', id: _id, after: doc as unknown as Record<string, unknown> }], clock.now());
    return next;
  },
});
