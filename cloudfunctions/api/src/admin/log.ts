/** The administration audit trail (adminLog), newest first. */
import { adminLogListInput } from '@domain/org/org.schema';
import { defineAction } from '../../../shared/actions';
import { auditPage } from '../../../shared/repos/org';
import { ADMIN } from './common';
import type { AuditLine } from './common';

const PAGE = 50;

export const adminLogList = defineAction({
  name: 'admin.log.list',
  roles: ADMIN,
  input: adminLogListInput,
  async handler({ cursor, subjectId }) {
    // keyset pages on (at, _id): lines written between two pages never shift or repeat one
    return auditPage<AuditLine & { _id: string }>(subjectId, cursor, PAGE);
  },
});
