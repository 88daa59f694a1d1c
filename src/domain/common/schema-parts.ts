/**
 * Building blocks for input schemas. zod/mini (tree-shakable, ~14 KB in a bundle versus ~450 KB for full
 * zod 4): the same schemas validate forms in the mini-program and payloads in the cloud functions.
 * Every message is Chinese and explicit (no global locale side effect).
 */
import * as z from 'zod/mini';
import { districtPoint, geoPoint } from '../geo/geo-schema';
import { TIME_ABSOLUTE } from './time-bounds';
import { photoIdShapeProblem } from './photo-rules';



/** Required text, trimmed, with length bounds and the field's Chinese name in the messages. */
export function text(label: string, min = 1, max = 500) {
  return z.string({ error: `请填写${label}` }).check(
    z.trim(),
    z.minLength(1, { error: `请填写${label}`, abort: true }),
    z.minLength(min, `${label}至少${min}个字`),
    z.maxLength(max, `${label}不能超过${max}个字`),
  );
}

/** Optional text: empty strings are allowed. */
export function optionalText(label: string, max = 500) {
  return z.optional(z.string({ error: `${label}格式不正确` }).check(z.trim(), z.maxLength(max, `${label}不能超过${max}个字`)));
}

export function id(label: string) {
  return z.string({ error: `缺少${label}` }).check(z.trim(), z.minLength(1, `缺少${label}`), z.maxLength(64, `${label}格式不正确`));
}

/** Cloud storage file id (cloud://…) or an https URL from a channel. */
export const fileId = z.string({ error: '照片格式不正确' }).check(
  z.refine((s) => /^(cloud|https?):\/\/\S+$/.test(s), '照片格式不正确'),
  z.maxLength(512, '照片格式不正确'),
);

/**
 * Photos a user uploads in the app (report, note, resolve, a department's action): cloud fileIDs of images in an
 * upload folder only (no URLs, no `..`). The server then checks the caller's own folder, this environment and
 * that each file exists (photo-rules.ts, cloudfunctions/common/uploads.ts).
 */
const uploadedPhoto = z.string({ error: '照片格式不正确' }).check(
  z.maxLength(512, '照片格式不正确'),
  z.superRefine((s, ctx) => {
    const problem = photoIdShapeProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: s });
  }),
);

export function userPhotos(min: number, max = 9) {
  return z.array(uploadedPhoto, { error: '照片格式不正确' }).check(
    z.minLength(min, `请至少上传${min}张照片`),
    z.maxLength(max, `最多上传${max}张照片`),
  );
}

/** Photos from a channel (partner units, Open311): cloud fileIDs or the partner's https URLs. */
export function photos(min: number, max = 9) {
  return z.array(fileId, { error: '照片格式不正确' }).check(
    z.minLength(min, `请至少上传${min}张照片`),
    z.maxLength(max, `最多上传${max}张照片`),
  );
}

/** GeoJSON Point, [lng, lat] (finite, in range; a device position may be outside the district). */
export { geoPoint };

export const place = z.object(
  {
    point: districtPoint,
    address: text('地址', 1, 200),
  },
  { error: '请选择地点' },
);

/**
 * Epoch milliseconds (the app converts pickers to epoch ms in Asia/Shanghai), within the absolute bounds of
 * time-bounds.ts; the bounds relative to now and to the case are checked where the clock is known (the guards).
 */
export function timestamp(label: string) {
  return z.number({ error: `请选择${label}` }).check(
    z.int(`${label}格式不正确`),
    z.gte(TIME_ABSOLUTE.min, `${label}格式不正确`),
    z.lte(TIME_ABSOLUTE.max, `${label}超出允许范围`),
  );
}

/** Mainland mobile or landline (with optional area code / extension). */
export const phone = z.string({ error: '电话格式不正确' }).check(
  z.trim(),
  z.refine((s) => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/.test(s), '请填写正确的手机号或固定电话'),
);

/** Optimistic concurrency: the version the user saw. */
export const expectedVersion = z.optional(z.number({ error: '版本号格式不正确' }).check(z.int('版本号格式不正确'), z.gte(1, '版本号格式不正确')));

export type InputResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: 'INVALID_INPUT'; message: string; issues: { path: string; message: string }[] };

/** Parse user input: the first message for a toast, all issues for the form fields. */
export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown): InputResult<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return { ok: false, code: 'INVALID_INPUT', message: issues[0]?.message ?? '输入有误', issues };
}
