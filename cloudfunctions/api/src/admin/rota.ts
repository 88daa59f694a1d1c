/** 两级巡查轮值: which leader is on duty, district-wide and per street, by weekday and/or date range. */
import type { RotaEntry, Staff } from '@domain/org/org-types';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { Errors } from '../../../common/errors';
import { allDocs, freshOrg, invalid, newId, writeAudited, type AdminWrite } from './common';

export const rotaList = implement(contract['admin.rota.list'], {
  async handler() {
    const [rota, staff] = await Promise.all([allDocs<RotaEntry>('rota'), allDocs<Staff>('staff', { roles: 'leader' })]);
    const names = new Map(staff.map((s) => [s._id, s.name]));
    return rota
      .map((r) => ({ ...r, staffName: names.get(r.staffId) ?? null }))
      .sort((a, b) => (a.level === b.level ? 0 : a.level === 'district' ? -1 : 1) || (a.streetId ?? '').localeCompare(b.streetId ?? '') || a._id.localeCompare(b._id));
  },
});

export const rotaSave = implement(contract['admin.rota.save'], {
  async handler({ entries, removeIds }, { caller, clock }) {
    if (!entries.length && !removeIds.length) throw invalid('没有要保存的轮值');
    const org = await freshOrg();
    const existing = new Map((await allDocs<RotaEntry>('rota')).map((r) => [r._id, r]));
    const writes: AdminWrite[] = [];
    const saved: RotaEntry[] = [];
    for (const [i, e] of entries.entries()) {
      const person = org.byId.staff.get(e.staffId);
      if (!person) throw invalid(`轮值领导不存在：${e.staffId}`, `entries.${i}.staffId`);
      if (!person.roles.includes('leader')) throw invalid(`「${person.name}」不是巡查轮值领导（须有领导角色）`, `entries.${i}.staffId`);
      if (e.level === 'street') {
        if (!org.byId.street.has(e.streetId!)) throw invalid(`街镇不存在：${e.streetId}`, `entries.${i}.streetId`);
        if (person.streetId && person.streetId !== e.streetId) throw invalid(`「${person.name}」不属于该街镇`, `entries.${i}.streetId`);
      }
      if (e._id && !existing.has(e._id) && !/^rota-/.test(e._id)) throw invalid(`轮值编号须以rota-开头：${e._id}`, `entries.${i}._id`);
      const entry: RotaEntry = { _id: e._id ?? newId('rota'), level: e.level, staffId: e.staffId };
      if (e.streetId) entry.streetId = e.streetId;
      if (e.weekdays?.length) entry.weekdays = [...e.weekdays].sort((a, b) => a - b);
      if (e.from) entry.from = e.from;
      if (e.to) entry.to = e.to;
      const { _id, ...doc } = entry;
      writes.push({ coll: 'rota', id: _id, after: doc as Record<string, unknown> });
      saved.push(entry);
    }
    for (const id of removeIds) {
      if (!existing.has(id)) throw Errors.notFound(`轮值 ${id} `);
      if (saved.some((s) => s._id === id)) throw invalid(`同一条轮值不能既保存又删除：${id}`, 'removeIds');
      writes.push({ coll: 'rota', id, after: null });
    }
    await writeAudited(caller, 'admin.rota.save', `保存轮值${saved.length}条${removeIds.length ? `，删除${removeIds.length}条` : ''}`, writes, clock.now());
    return { saved, removed: removeIds };
  },
});
