/**
 * Type-level checks of the API contract, run by `tsc --noEmit` (this file is in the project): a handler is checked
 * against its entry's input and output, and the app's client against the entry's payload and answer. Each
 * `@ts-expect-error` below fails the typecheck if the mismatch it marks ever compiles.
 */
import { implement } from '../../cloudfunctions/common/actions';
import { contract, type ApiInput, type ApiOutput, type CaseDetail, type CaseView, type InboxPage } from '@domain/contract';
import type { PayloadArg } from '../../src/services/cloud-types';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const answers: [Equal<ApiOutput<'case.get'>, CaseDetail>, Equal<ApiOutput<'case.accept'>, CaseView>, Equal<ApiOutput<'case.inbox'>, InboxPage>] = [true, true, true];
const inputs: [Equal<ApiInput<'case.get'>, { caseId: string }>] = [true];

test('a handler answering another shape than its entry promises does not compile', () => {
  const bad = implement(contract['case.get'], {
    // @ts-expect-error — the answer lacks case, calls and log
    async handler() {
      return { wrong: 1 };
    },
  });
  const badInput = implement(contract['case.get'], {
    // @ts-expect-error — the parsed payload has no `callId`
    async handler(input: { callId: string }) {
      return { case: input as never, calls: [], log: [] };
    },
  });
  expect([bad.name, badInput.name]).toEqual(['case.get', 'case.get']);
  expect(bad.roles).toBe(contract['case.get'].roles);
});

test('the client takes the entry\'s payload: required when the schema needs fields, optional when defaults cover it', () => {
  const get: PayloadArg<'case.get'> = [{ caseId: 'C1' }];
  // @ts-expect-error — caseId is a string
  const wrong: PayloadArg<'case.get'> = [{ caseId: 1 }];
  // @ts-expect-error — case.get needs a payload
  const missing: PayloadArg<'case.get'> = [];
  const inbox: PayloadArg<'case.inbox'> = [];
  const accept: PayloadArg<'case.accept'> = [{ caseId: 'C1', expectedVersion: 3, where: { lng: 119.3, lat: 26.08 } }];
  // @ts-expect-error — not an action of the contract
  const unknownAction: PayloadArg<'case.create'> = [];
  expect([get, wrong, missing, inbox, accept, unknownAction, answers, inputs].length).toBe(8);
});
