/** The organisation as stored: streets/town, communities, departments and sub-units, city units (for the admin screens). */
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { freshOrg } from './common';

export const orgList = implement(contract['admin.org.list'], {
  async handler() {
    const org = await freshOrg();
    const d = org.district;
    return {
      district: d ? { _id: d._id, name: d.name, commandCentreName: d.commandCentreName } : null,
      // boundaries stay on the server (large polygons); the screens show names and centres
      streets: org.streets.map((s) => ({ _id: s._id, name: s.name, kind: s.kind, subCentreName: s.subCentreName, centre: s.centre, hasBoundary: !!s.boundary })),
      communities: org.communities.map((c) => ({ _id: c._id, name: c.name, streetId: c.streetId, centre: c.centre })),
      departments: org.departments.map((x) => ({ _id: x._id, name: x.name, fullName: x.fullName, kind: x.kind, parentId: x.parentId })),
      cityUnits: org.cityUnits.map((u) => ({ _id: u._id, name: u.name, counterpartDeptId: u.counterpartDeptId })),
    };
  },
});
