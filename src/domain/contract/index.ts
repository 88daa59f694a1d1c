/**
 * THE API contract: every action of the `api` cloud function — its name, who may call it, its payload schema, what it
 * answers and the error codes it may answer. One place for all of them:
 *   - the server registers from it (cloudfunctions/common/actions.ts `implement(contract[name], handler)`): the
 *     dispatcher takes roles and schema from the entry, and TypeScript checks each handler's input and output;
 *   - the app calls through a client typed by it (src/services/cloud.ts `callApi(name, payload)`), importing types only;
 *   - docs/API.md is generated from it (scripts/gen-api-docs.ts), and the function tests check the declared codes.
 * Roles of actions that fire a lifecycle event come from the machines' permits (roles.ts).
 */
import { acceptInput, assignInput, callInput, channelIntakeInput, closeInvalidInput, decideHardInput, dispatchInput, extendInput, flagHardInput, forwardResultInput, markDuplicateInput, noteInput, rateInput, reportInput, rerouteInput, resolveInput, returnInput, supplementInput, verifyInput, withdrawInput } from '../case/case-schema';
import { acknowledgeInput, cancelCallInput, checkInInput, consultInput, rateCallInput, rateDeptInput, recordActionInput } from '../call/call-schema';
import { joinInput, nearbyInput } from '../case/case-nearby';
import { adminLogListInput, bindInviteInput, categorySaveInput, ruleRefInput, ruleSaveInput, rotaSaveInput, staffListInput, staffRefInput, staffSaveInput } from '../org/org-schema';
import { orgImportInput } from '../org/import/org-import';
import { ROUTING_ROLES } from '../org/routing-authority';
import type { StandingRule } from '../org/org-types';
import { withWhere, zhInput, type InputSchema, type ParsedOf, type PayloadOf } from './schema';
import * as I from './inputs';
import * as O from './outputs';
import { ADMIN, ADMIN_OR_COMMAND, ANALYSTS, DEPT, OPERATORS, STAFF, STREET, callEventRoles, caseEventRoles, type Roles } from './roles';
import { ADMIN_WRITE, CALL_EVENT, CASE_EVENT, COMMON, INTAKE, PHOTOS, PLACE, RACE, RATING, ROLE_CODE, TIME } from './errors';

export type { Roles } from './roles';
export type { InputSchema, ParsedOf, PayloadOf } from './schema';

/** The answer type of an action, named (the name is for the documentation; the type parameter is what is checked). */
export interface Output<T> {
  readonly typeName: string;
  /** type only, never set */
  readonly __type?: T;
}
const out = <T>(typeName: string): Output<T> => ({ typeName });

export interface ActionSpec<S extends InputSchema<unknown> = InputSchema<unknown>, T = unknown> {
  /** roles allowed to call; 'anyone' includes callers with no staff record (citizens) */
  readonly roles: Roles;
  /** the payload schema (zod/mini, or a wrapper adding Chinese messages / the device location) */
  readonly input: S;
  readonly output: Output<T>;
  /** codes it may answer beyond COMMON (and FORBIDDEN when role-limited) */
  readonly errors: readonly string[];
}

export type ContractEntry<N extends string = string, S extends InputSchema<unknown> = InputSchema<unknown>, T = unknown> = ActionSpec<S, T> & { readonly name: N };

function entries<T extends Record<string, ActionSpec<any, any>>>(specs: T): { readonly [K in keyof T & string]: T[K] & { readonly name: K } } {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { name, ...spec }])) as never;
}

const caseView = out<O.CaseView>('CaseView');
const callView = out<O.CallView>('CallView');

export const contract = entries({
  // account
  whoami: { roles: 'anyone', input: I.emptyInput, output: out<O.WhoAmI>('WhoAmI'), errors: [] },
  'account.bindInvite': { roles: 'anyone', input: bindInviteInput, output: out<O.Bound>('Bound'), errors: ['INVITE_NOT_FOUND', 'INVITE_USED', 'ALREADY_BOUND', 'RATE_LIMITED'] },

  // citizens: report, nearby, join
  'case.report': { roles: 'anyone', input: zhInput(reportInput), output: out<O.ReportResult>('ReportResult'), errors: [...INTAKE, 'RATE_LIMITED', ...PHOTOS] },
  'case.suggestCategory': { roles: 'anyone', input: zhInput(I.suggestCategoryInput), output: out<O.CategorySuggestion[]>('CategorySuggestion[]'), errors: [] },
  'case.nearby': { roles: 'anyone', input: zhInput(nearbyInput), output: out<O.NearbyAnswer>('NearbyAnswer'), errors: [] },
  'case.join': { roles: 'anyone', input: zhInput(joinInput), output: out<O.Joined>('Joined'), errors: ['NOT_FOUND', 'CASE_CLOSED', ...RACE] },
  'geo.districtMap': { roles: 'anyone', input: I.emptyPayload, output: out<O.DistrictGeo>('DistrictGeo'), errors: [] },

  // case lifecycle events
  'case.accept': { roles: caseEventRoles('accept'), input: withWhere(acceptInput), output: caseView, errors: CASE_EVENT },
  'case.assign': { roles: caseEventRoles('assign'), input: withWhere(assignInput), output: caseView, errors: [...CASE_EVENT, 'ASSIGNEE_INVALID', 'ASSIGNEE_REQUIRED', 'SAME_ASSIGNEE'] },
  'case.note': { roles: caseEventRoles('note'), input: withWhere(noteInput), output: caseView, errors: [...CASE_EVENT, 'NOTE_EMPTY', 'RATE_LIMITED', ...PHOTOS] },
  'case.supplement': { roles: caseEventRoles('supplement'), input: withWhere(supplementInput), output: caseView, errors: [...CASE_EVENT, 'NOTE_EMPTY', 'RATE_LIMITED', ...PHOTOS] },
  'case.withdraw': { roles: caseEventRoles('withdraw'), input: withWhere(withdrawInput), output: caseView, errors: CASE_EVENT },
  'case.call': {
    roles: caseEventRoles('call'),
    input: withWhere(callInput),
    output: out<O.CallCreated>('CallCreated'),
    errors: [...CASE_EVENT, 'UNKNOWN_DEPT', 'CALL_NO_DEPT', 'CALL_DUPLICATE', 'MEET_IN_PAST', 'TIME_TOO_FAR', 'CALL_WHAT_REQUIRED'],
  },
  'case.extend': { roles: caseEventRoles('extend'), input: withWhere(extendInput), output: caseView, errors: [...CASE_EVENT, 'REASON_REQUIRED', 'NO_DEADLINE', 'EXTEND_AFTER_DEADLINE', 'EXTEND_NOT_LATER', ...TIME] },
  'case.flagHard': { roles: caseEventRoles('flagHard'), input: withWhere(flagHardInput), output: caseView, errors: [...CASE_EVENT, 'REASON_REQUIRED', 'ALREADY_HARD'] },
  'case.decideHard': { roles: caseEventRoles('decideHard'), input: withWhere(decideHardInput), output: caseView, errors: [...CASE_EVENT, 'UNKNOWN_DEPT', 'PERSON_NOT_IN_DEPT', 'NOT_HARD', 'DECISION_INCOMPLETE', ...TIME] },
  'case.return': { roles: caseEventRoles('return'), input: withWhere(returnInput), output: caseView, errors: [...CASE_EVENT, 'REASON_REQUIRED'] },
  'case.reroute': { roles: caseEventRoles('reroute'), input: withWhere(rerouteInput), output: caseView, errors: [...CASE_EVENT, ...PLACE, 'REASON_REQUIRED', 'STREET_REQUIRED', 'SAME_STREET'] },
  'case.dispatch': { roles: caseEventRoles('dispatch'), input: withWhere(dispatchInput), output: caseView, errors: [...CASE_EVENT, ...PLACE, 'DECISION_NOT_STREET'] },
  'case.resolve': { roles: caseEventRoles('resolve'), input: withWhere(resolveInput), output: caseView, errors: [...CASE_EVENT, 'RESULT_REQUIRED', 'EVIDENCE_REQUIRED', 'CALLS_OPEN', ...PHOTOS] },
  'case.verify': { roles: caseEventRoles('verify'), input: withWhere(verifyInput), output: caseView, errors: [...CASE_EVENT, 'NOTE_REQUIRED', 'NO_ASSIGNEE'] },
  'case.rate': { roles: caseEventRoles('rate'), input: withWhere(rateInput), output: caseView, errors: [...CASE_EVENT, 'REASON_REQUIRED', 'ALREADY_RATED', 'NO_ASSIGNEE'] },
  'case.markDuplicate': { roles: caseEventRoles('markDuplicate'), input: withWhere(markDuplicateInput), output: caseView, errors: [...CASE_EVENT, 'MASTER_NOT_FOUND', 'MASTER_CLOSED', 'REASON_REQUIRED', 'SELF_DUPLICATE'] },
  'case.closeInvalid': { roles: caseEventRoles('closeInvalid'), input: withWhere(closeInvalidInput), output: caseView, errors: [...CASE_EVENT, 'REASON_REQUIRED'] },

  // case reads
  'case.mine': { roles: 'anyone', input: I.caseMineInput, output: out<O.CasePage>('CasePage'), errors: [] },
  'case.get': { roles: 'anyone', input: I.caseGetInput, output: out<O.CaseDetail>('CaseDetail'), errors: ['NOT_FOUND', 'FORBIDDEN'] },
  'case.inbox': { roles: STREET, input: I.inboxInput, output: out<O.InboxPage>('InboxPage'), errors: [] },
  'case.triage': { roles: ['command', 'leader'], input: I.triageInput, output: out<O.TriageAnswer>('TriageAnswer'), errors: [] },
  'lead.board': { roles: ['leader', 'command'], input: I.boardInput, output: out<O.BoardAnswer>('BoardAnswer'), errors: [] },

  // calls
  'call.acknowledge': { roles: callEventRoles('acknowledge'), input: withWhere(acknowledgeInput), output: callView, errors: CALL_EVENT },
  'call.checkIn': { roles: callEventRoles('checkIn'), input: withWhere(checkInInput), output: callView, errors: [...CALL_EVENT, 'CHECKIN_FAR', 'CHECKIN_EARLY', 'CHECKIN_ABSENT'] },
  'call.recordAction': { roles: callEventRoles('recordAction'), input: withWhere(recordActionInput), output: callView, errors: [...CALL_EVENT, 'ACTION_REQUIRED', ...PHOTOS] },
  'call.consult': { roles: callEventRoles('consult'), input: withWhere(consultInput), output: out<O.CallView[]>('CallView[]'), errors: [...CALL_EVENT, 'RESPONSIBLE_NOT_IN_GROUP', 'RESPONSIBLE_REQUIRED'] },
  'call.rateDept': { roles: callEventRoles('rateByStreet'), input: withWhere(rateDeptInput), output: callView, errors: [...CALL_EVENT, ...RATING] },
  'call.rateCall': { roles: callEventRoles('rateByDept'), input: withWhere(rateCallInput), output: callView, errors: [...CALL_EVENT, 'ALREADY_RATED', ...RATING] },
  'call.cancel': { roles: callEventRoles('cancel'), input: withWhere(cancelCallInput), output: callView, errors: [...CALL_EVENT, 'REASON_REQUIRED'] },
  'call.mine': { roles: DEPT, input: I.callMineInput, output: out<O.DeptCallPage>('DeptCallPage'), errors: [] },
  'call.get': { roles: 'anyone', input: I.callGetInput, output: out<O.CallDetail>('CallDetail'), errors: ['NOT_FOUND', 'FORBIDDEN'] },

  // administration
  'admin.categories.list': { roles: ADMIN_OR_COMMAND, input: I.emptyInput, output: out<O.Category[]>('Category[]'), errors: [] },
  'admin.categories.save': { roles: ADMIN, input: categorySaveInput, output: out<O.Category>('Category'), errors: [] },
  'admin.org.list': { roles: ADMIN_OR_COMMAND, input: I.emptyInput, output: out<O.OrgList>('OrgList'), errors: [] },
  'admin.org.import': { roles: ADMIN, input: orgImportInput, output: out<O.ImportAnswer>('ImportAnswer'), errors: [...RACE] },
  'admin.staff.list': { roles: ADMIN_OR_COMMAND, input: staffListInput, output: out<O.StaffPage>('StaffPage'), errors: [] },
  'admin.staff.save': { roles: ADMIN, input: staffSaveInput, output: out<O.StaffSaved>('StaffSaved'), errors: ADMIN_WRITE },
  'admin.staff.invite': { roles: ADMIN, input: staffRefInput, output: out<O.Invited>('Invited'), errors: ['NOT_FOUND', 'ALREADY_BOUND'] },
  'admin.staff.unbind': { roles: ADMIN, input: staffRefInput, output: out<O.Unbound>('Unbound'), errors: ['NOT_FOUND', 'NOT_BOUND'] },
  'admin.rota.list': { roles: ADMIN_OR_COMMAND, input: I.emptyInput, output: out<O.RotaRow[]>('RotaRow[]'), errors: [] },
  'admin.rota.save': { roles: ADMIN, input: rotaSaveInput, output: out<O.RotaSaved>('RotaSaved'), errors: ADMIN_WRITE },
  'admin.rules.list': { roles: ADMIN_OR_COMMAND, input: I.emptyInput, output: out<O.RuleRow[]>('RuleRow[]'), errors: [] },
  'admin.rules.save': { roles: ROUTING_ROLES, input: ruleSaveInput, output: out<O.RuleSaved>('RuleSaved'), errors: ['NOT_FOUND', 'RULE_OVERLAP'] },
  'admin.rules.deactivate': { roles: ROUTING_ROLES, input: ruleRefInput, output: out<StandingRule>('StandingRule'), errors: ['NOT_FOUND', 'ALREADY_INACTIVE'] },
  'admin.rules.history': { roles: ROUTING_ROLES, input: ruleRefInput, output: out<{ items: O.HistoryLine[] }>('{ items: HistoryLine[] }'), errors: ['NOT_FOUND'] },
  'admin.rules.overlaps': { roles: ROUTING_ROLES, input: I.rulesOverlapsInput, output: out<{ overlaps: O.Overlap[] }>('{ overlaps: Overlap[] }'), errors: [] },
  'admin.log.list': { roles: ADMIN, input: adminLogListInput, output: out<O.AuditPage>('AuditPage'), errors: [] },
  'admin.health': { roles: ADMIN, input: I.emptyInput, output: out<O.Health>('Health'), errors: [] },
  'admin.health.remove': { roles: ADMIN, input: I.healthRemoveInput, output: out<O.HealthRemoved>('HealthRemoved'), errors: ['RECORD_VALID'] },
  'admin.health.repair': { roles: ADMIN, input: I.healthRepairInput, output: out<O.HealthRepaired>('HealthRepaired'), errors: ['RECORD_VALID'] },

  // statistics
  'stats.indicators': { roles: ANALYSTS, input: I.indicatorsInput, output: out<O.Figures>('Figures'), errors: [] },
  'stats.breakdown': { roles: ANALYSTS, input: I.breakdownInput, output: out<O.Breakdown>('Breakdown'), errors: [] },
  'stats.trend': { roles: ANALYSTS, input: I.trendInput, output: out<O.Trend>('Trend'), errors: [] },
  'stats.hotspots': { roles: ANALYSTS, input: I.hotspotsInput, output: out<O.Hotspots>('Hotspots'), errors: [] },
  'stats.drill': { roles: ANALYSTS, input: I.drillInput, output: out<O.DrillAnswer>('DrillAnswer'), errors: [] },
  'stats.patterns': { roles: ANALYSTS, input: I.patternsInput, output: out<O.PatternsAnswer>('PatternsAnswer'), errors: [] },
  'stats.adoptRule': { roles: ROUTING_ROLES, input: I.adoptRuleInput, output: out<O.AdoptedRule>('AdoptedRule'), errors: ['RULE_OVERLAP'] },
  'stats.scores': { roles: ANALYSTS, input: I.scoresInput, output: out<O.ScoresAnswer>('ScoresAnswer'), errors: [] },
  'stats.exportCsv': { roles: ANALYSTS, input: I.exportCsvInput, output: out<O.CsvFile>('CsvFile'), errors: [] },

  // reference data
  'meta.bootstrap': { roles: 'anyone', input: I.emptyPayload, output: out<O.Bootstrap>('Bootstrap'), errors: [] },
  'staff.list': { roles: STAFF, input: I.pickerStaffInput, output: out<O.StaffItem[]>('StaffItem[]'), errors: [] },

  // channels
  'case.channelIntake': { roles: OPERATORS, input: channelIntakeInput, output: out<O.ReportResult>('ReportResult'), errors: INTAKE },
  'case.forwardResult': { roles: caseEventRoles('forwardResult'), input: forwardResultInput, output: caseView, errors: [...CASE_EVENT, 'AMBIGUOUS_REFERENCE'] },
});

export type Contract = typeof contract;
export type ActionName = keyof Contract;
/** What a caller sends for `K` (zod's input type of its schema: defaults optional). */
export type ApiInput<K extends ActionName> = PayloadOf<Contract[K]['input']>;
/** What the handler of `K` receives (the parsed payload). */
export type ApiParsed<K extends ActionName> = ParsedOf<Contract[K]['input']>;
/** What `K` answers. */
export type ApiOutput<K extends ActionName> = Contract[K]['output'] extends Output<infer T> ? T : never;

export const ACTION_NAMES = Object.keys(contract) as ActionName[];

/** Every code action `name` may answer (COMMON, FORBIDDEN when role-limited, its own); undefined for an unknown name. */
export function declaredCodes(name: string): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(contract, name)) return undefined;
  const spec = contract[name as ActionName];
  return Array.from(new Set([...COMMON, ...(spec.roles === 'anyone' ? [] : [ROLE_CODE]), ...spec.errors]));
}

export { COMMON, ROLE_CODE } from './errors';
export type * from './outputs';
