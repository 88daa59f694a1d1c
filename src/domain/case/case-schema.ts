/**
 * Input schemas for every user action on a case: payload shapes only. Status, versions of record, staff
 * names, routing decisions, timestamps of record and identity are server-owned and never accepted here
 * (unknown keys are stripped). Chinese messages; TypeScript types inferred from the schemas.
 */
import { satisfactionInput } from '../rating/rating-schema';
import { expectedVersion, geoPoint, id, optionalText, phone, photos, place, text, timestamp, userPhotos } from '../common/schema-parts';
import * as z from 'zod/mini';
import { CHANNELS, type Channel } from './case-types';

const caseRef = { caseId: id('事项编号'), expectedVersion };

/** A report with neither a location nor a community. */
export const REPORT_PLACE_REQUIRED = '请在地图上选择问题位置，或选择“不便提供位置”并选择所在街道和社区';

/** 随手拍 (mini-program report). `clientToken` makes a re-submission idempotent. */
export const reportInput = z.object({
  clientToken: id('提交标识'),
  categoryCode: z.optional(id('问题类型')),
  description: text('问题描述', 5, 500),
  photos: userPhotos(0, 9),
  location: z.optional(place),
  communityId: z.optional(id('社区')),
  phone: z.optional(phone),
}).check(
  // a report must say where: a map location, or (不便提供位置) the community
  z.refine((v) => !!v.location || !!v.communityId, { message: REPORT_PLACE_REQUIRED, path: ['location'] }),
);


/**
 * Channel intake (12345, 数字城管, partner units, Open311 adapter). The channel is named by its record (`channelId`,
 * e.g. `ch-partner-swjt`) or by its kind when only one channel has that kind (`hotline12345`); every partner unit is
 * its own channel. Descriptions up to 4000 characters (Open311 GeoReport v2).
 */
export const channelIntakeInput = z
  .object({
    channel: z.optional(z.enum(CHANNELS.filter((c) => c !== 'miniapp') as [Channel, ...Channel[]], { error: '来源渠道不正确' })),
    channelId: z.optional(id('来源渠道')),
    channelRef: id('渠道工单编号'),
    categoryCode: z.optional(id('问题类型')),
    description: text('问题描述', 2, 4000),
    photos: z._default(photos(0, 9), []),
    location: z.optional(place),
    communityId: z.optional(id('社区')),
    contactName: optionalText('联系人', 50),
    phone: z.optional(phone),
    /** the channel marks it as 疑难件 (e.g. 12345 transferring after 10+ days) */
    hard: z.optional(z.boolean({ error: '疑难件标记格式不正确' })),
  })
  .check(z.refine((v) => !!v.channel || !!v.channelId, { message: '请选择来源渠道', path: ['channel'] }));

/** Command centre routes a triage case by hand. */
export const dispatchInput = z.object({ ...caseRef, streetId: id('街镇'), communityId: z.optional(id('社区')), reason: text('分派说明', 2, 200) });
export const acceptInput = z.object({ ...caseRef });
export const assignInput = z.object({ ...caseRef, staffId: id('处置人') });
export const noteInput = z
  .object({ ...caseRef, text: optionalText('记录内容', 1000), photos: z._default(userPhotos(0, 9), []) })
  .check(z.refine((v) => !!v.text || v.photos.length > 0, { message: '请填写内容或上传照片', path: ['text'] }));
/** 补充说明 by the reporter before acceptance: text and/or photos. */
export const supplementInput = z
  .object({ ...caseRef, text: optionalText('补充说明', 1000), photos: z._default(userPhotos(0, 9), []) })
  .check(z.refine((v) => !!v.text || v.photos.length > 0, { message: '请填写补充说明或上传照片', path: ['text'] }));
/** 撤回 by the reporter before acceptance. */
export const withdrawInput = z.object({ ...caseRef, reason: optionalText('撤回原因', 200) });
export const callInput = z.object({
  ...caseRef,
  deptIds: z
    .array(id('被呼叫部门'), { error: '请选择被呼叫部门' })
    .check(
      z.minLength(1, '请至少选择1个被呼叫部门'),
      z.maxLength(10, '一次最多呼叫10个部门'),
      z.refine((xs) => new Set(xs).size === xs.length, '被呼叫部门不能重复'),
    ),
  what: text('呼叫事项', 2, 300),
  place,
  meetAt: timestamp('到场时间'),
});
export const extendInput = z.object({ ...caseRef, reason: text('延期原因', 2, 300), newDeadline: timestamp('新的办理期限') });
export const flagHardInput = z.object({ ...caseRef, reason: text('疑难原因', 2, 300) });
export const decideHardInput = z.object({
  ...caseRef,
  deptId: id('责任部门'),
  personId: id('责任人'),
  deadline: timestamp('办理期限'),
  note: optionalText('研判意见', 500),
});
export const returnInput = z.object({ ...caseRef, reason: text('退单原因', 2, 300) });
export const rerouteInput = z.object({ ...caseRef, streetId: id('街镇'), communityId: z.optional(id('社区')), reason: text('改派原因', 2, 300) });
export const resolveInput = z.object({ ...caseRef, result: text('办理结果', 2, 1000), photos: userPhotos(1, 9) });
export const verifyInput = z
  .object({ ...caseRef, pass: z.boolean({ error: '请选择核查结果' }), note: optionalText('核查意见', 500) })
  .check(z.refine((v) => v.pass || !!v.note, { message: '核查不通过须说明原因', path: ['note'] }));
export const rateInput = z.extend(satisfactionInput, { ...caseRef });
export const markDuplicateInput = z
  .object({ ...caseRef, masterId: id('主事项编号'), reason: text('合并原因', 2, 300) })
  .check(z.refine((v) => v.masterId !== v.caseId, { message: '不能与自身合并', path: ['masterId'] }));
export const closeInvalidInput = z.object({ ...caseRef, reason: text('作废原因', 2, 300) });
/** Grid platform reports back (by its reference). */
export const forwardResultInput = z.object({
  forwardRef: id('网格工单编号'),
  outcome: z.enum(['resolved', 'rejected'], { error: '反馈结果不正确' }),
  result: text('反馈内容', 1, 1000),
  photos: z._default(photos(0, 9), []),
});
/** Device location attached to an action (audit trail "where"). */
export const whereInput = z.optional(geoPoint);

export type ReportInput = z.infer<typeof reportInput>;
export type ChannelIntakeInput = z.infer<typeof channelIntakeInput>;
export type DispatchInput = z.infer<typeof dispatchInput>;
export type AcceptInput = z.infer<typeof acceptInput>;
export type AssignInput = z.infer<typeof assignInput>;
export type NoteInput = z.infer<typeof noteInput>;
export type SupplementInput = z.infer<typeof supplementInput>;
export type WithdrawInput = z.infer<typeof withdrawInput>;
export type CallInput = z.infer<typeof callInput>;
export type ExtendInput = z.infer<typeof extendInput>;
export type FlagHardInput = z.infer<typeof flagHardInput>;
export type DecideHardInput = z.infer<typeof decideHardInput>;
export type ReturnInput = z.infer<typeof returnInput>;
export type RerouteInput = z.infer<typeof rerouteInput>;
export type ResolveInput = z.infer<typeof resolveInput>;
export type VerifyInput = z.infer<typeof verifyInput>;
export type RateInput = z.infer<typeof rateInput>;
export type MarkDuplicateInput = z.infer<typeof markDuplicateInput>;
export type CloseInvalidInput = z.infer<typeof closeInvalidInput>;
export type ForwardResultInput = z.infer<typeof forwardResultInput>;

/** Action name → schema, for the one-function-many-actions router. */
export const CASE_ACTION_SCHEMAS = {
  report: reportInput,
  channelIntake: channelIntakeInput,
  dispatch: dispatchInput,
  accept: acceptInput,
  assign: assignInput,
  note: noteInput,
  supplement: supplementInput,
  withdraw: withdrawInput,
  call: callInput,
  extend: extendInput,
  flagHard: flagHardInput,
  decideHard: decideHardInput,
  return: returnInput,
  reroute: rerouteInput,
  resolve: resolveInput,
  verify: verifyInput,
  rate: rateInput,
  markDuplicate: markDuplicateInput,
  closeInvalid: closeInvalidInput,
  forwardResult: forwardResultInput,
} as const;
