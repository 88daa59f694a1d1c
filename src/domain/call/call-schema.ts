/** Input schemas for user actions on calls (payload only; identity and times are server-owned). */
import { callRatingInput, deptRatingInput } from '../rating/rating-schema';
import { expectedVersion, geoPoint, id, optionalText, text, userPhotos } from '../common/schema-parts';
import * as z from 'zod/mini';

const callRef = { callId: id('呼叫编号'), expectedVersion };

export const acknowledgeInput = z.object({ ...callRef });
/** The device location at check-in; the time is the server's. */
export const checkInInput = z.object({ ...callRef, location: geoPoint });
export const recordActionInput = z.object({ ...callRef, text: text('处置情况', 2, 1000), photos: z._default(userPhotos(0, 9), []) });
export const consultInput = z.object({ groupId: id('呼叫组编号'), responsibleDeptId: id('责任部门'), note: optionalText('会商意见', 500) });
export const rateDeptInput = z.extend(deptRatingInput, { ...callRef });
export const rateCallInput = z.extend(callRatingInput, { ...callRef });
export const cancelCallInput = z.object({ ...callRef, reason: text('取消原因', 2, 300) });

export type AcknowledgeInput = z.infer<typeof acknowledgeInput>;
export type CheckInInput = z.infer<typeof checkInInput>;
export type RecordActionInput = z.infer<typeof recordActionInput>;
export type ConsultInput = z.infer<typeof consultInput>;
export type RateDeptInput = z.infer<typeof rateDeptInput>;
export type RateCallInput = z.infer<typeof rateCallInput>;
export type CancelCallInput = z.infer<typeof cancelCallInput>;

export const CALL_ACTION_SCHEMAS = {
  acknowledge: acknowledgeInput,
  checkIn: checkInInput,
  recordAction: recordActionInput,
  consult: consultInput,
  rateDept: rateDeptInput,
  rateCall: rateCallInput,
  cancel: cancelCallInput,
} as const;
