/** The administration audit trail (adminLog), newest first. */
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { auditPage } from '../../../common/repos/org';
import type { AuditLine } from './common';

const PAGE = 50;

export const adminLogList = implement(contract['admin.log.list'], {
  async handler({ cursor, subjectId }) {
    // keyset pages on (at, _id): lines written between two pages never shift or repeat one
    return auditPage<AuditLine & { _id: string }>(subjectId, cursor, PAGE);
  },
});
