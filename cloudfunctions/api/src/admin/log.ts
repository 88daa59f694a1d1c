/** The administration audit trail (adminLog), newest first. */
import { adminLogListInput } from '@domain/org/org.schema';
import { defineAction } from '../../../shared/actions';
import { database } from '../../../shared/sdk';
import { query } from '../../../shared/repo';
import { ADMIN } from './common';
import type { AuditLine } from './common';

const PAGE = 50;

export const adminLogList = defineAction({
  name: 'admin.log.list',
  roles: ADMIN,
  input: adminLogListInput,
  async handler({ cursor, subjectId }) {
    const db = database();
    const base = db.collection('adminLog');
    const q = (subjectId ? base.where({ subjectId }) : base).orderBy('at', 'desc').skip(cursor ?? 0).limit(PAGE);
    const items = await query<AuditLine>(q);
    return { items, nextCursor: items.length === PAGE ? (cursor ?? 0) + PAGE : null };
  },
});
