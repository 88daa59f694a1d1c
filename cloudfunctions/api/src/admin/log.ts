/** The administration audit trail (adminLog), newest first. */
import { adminLogListInput } from '@domain/org/org.schema';
import { defineAction } from '../../../shared/actions';
import { keysetPage } from '../../../shared/repos/paging';
import { ADMIN } from './common';
import type { AuditLine } from './common';

const PAGE = 50;

export const adminLogList = defineAction({
  name: 'admin.log.list',
  roles: ADMIN,
  input: adminLogListInput,
  async handler({ cursor, subjectId }) {
    // keyset pages on (at, _id): lines written between two pages never shift or repeat one
    return keysetPage<AuditLine & { _id: string }>('adminLog', subjectId ? { subjectId } : {}, 'at', cursor, PAGE);
  },
});
