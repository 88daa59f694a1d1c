import * as S from '@domain/case/case-schema';
import * as C from '@domain/call/call-schema';
import { parseInput } from '@domain/common/schema-parts';

const place = { point: { type: 'Point', coordinates: [119.27, 26.09] }, address: '左海公园北门' };
const T = 1_605_574_800_000;
/** a user's uploaded photo (the shape the schemas accept; ownership is the server's check) */
const up = (name: string) => `cloud://env-1.656e-env-1-1250000000/uploads/k1/reports/${name}`;

describe('case action schemas accept valid payloads and strip server-owned fields', () => {
  it('report (随手拍)', () => {
    const r = parseInput(S.reportInput, { clientToken: 'tok-1', description: '  路灯不亮很多天了  ', photos: [up('a.jpg')], location: place, phone: '13800000000', state: 'closed', version: 9, reporter: { openid: 'forged' } });
    expect(r).toEqual({ ok: true, data: { clientToken: 'tok-1', description: '路灯不亮很多天了', photos: [up('a.jpg')], location: place, phone: '13800000000' } });
  });
  it.each([
    ['resolve', S.resolveInput, { caseId: 'c1', result: '已安装路灯', photos: [up('r.jpg')] }],
    ['extend', S.extendInput, { caseId: 'c1', reason: '权责待厘清', newDeadline: T, expectedVersion: 3 }],
    ['call', S.callInput, { caseId: 'c1', deptIds: ['szs', 'wf'], what: '到场会商', place, meetAt: T }],
    ['decideHard', S.decideHardInput, { caseId: 'c1', deptId: 'szs', personId: 'p1', deadline: T }],
    ['verify pass', S.verifyInput, { caseId: 'c1', pass: true }],
    ['rate', S.rateInput, { caseId: 'c1', level: 'satisfied' }],
    ['channel intake', S.channelIntakeInput, { channel: 'hotline12345', channelRef: '12345-1', description: '路灯不亮', hard: true }],
    ['note with photo only', S.noteInput, { caseId: 'c1', photos: [up('n.jpg')] }],
    ['checkIn', C.checkInInput, { callId: 'k1', location: place.point }],
    ['rate dept', C.rateDeptInput, { callId: 'k1', level: 'good', reasons: ['timely'] }],
    ['rate call', C.rateCallInput, { callId: 'k1', level: 'accurate' }],
  ] as const)('%s', (_n, schema, input) => {
    expect(parseInput(schema as never, input)).toMatchObject({ ok: true });
  });
});

describe('rejections with Chinese messages', () => {
  it.each([
    ['description too short', S.reportInput, { clientToken: 't', description: '灯', photos: [] }, 'description', '问题描述至少5个字'],
    ['missing description', S.reportInput, { clientToken: 't', photos: [] }, 'description', '请填写问题描述'],
    ['too many photos', S.reportInput, { clientToken: 't', description: '路灯不亮了', photos: Array.from({ length: 10 }, (_, i) => up(`${i}.jpg`)) }, 'photos', '最多上传9张照片'],
    ['photo not a file id', S.reportInput, { clientToken: 't', description: '路灯不亮了', photos: ['C:/a.jpg'] }, 'photos.0', '照片格式不正确'],
    ['bad phone', S.reportInput, { clientToken: 't', description: '路灯不亮了', photos: [], phone: '12345' }, 'phone', '请填写正确的手机号或固定电话'],
    ['longitude out of range', S.reportInput, { clientToken: 't', description: '路灯不亮了', photos: [], location: { ...place, point: { type: 'Point', coordinates: [200, 26] } } }, 'location.point.coordinates.0', '经度格式不正确'],
    ['resolve without evidence', S.resolveInput, { caseId: 'c1', result: '已修复', photos: [] }, 'photos', '请至少上传1张照片'],
    ['resolve without result', S.resolveInput, { caseId: 'c1', result: '  ', photos: [up('a.jpg')] }, 'result', '请填写办理结果'],
    ['resolve result too short', S.resolveInput, { caseId: 'c1', result: '好', photos: [up('a.jpg')] }, 'result', '办理结果至少2个字'],
    ['missing case id', S.acceptInput, {}, 'caseId', '缺少事项编号'],
    ['extend without reason', S.extendInput, { caseId: 'c1', newDeadline: T }, 'reason', '请填写延期原因'],
    ['extend with a date string', S.extendInput, { caseId: 'c1', reason: '等待答复', newDeadline: '2020-11-30' }, 'newDeadline', '请选择新的办理期限'],
    ['call without departments', S.callInput, { caseId: 'c1', deptIds: [], what: '会商', place, meetAt: T }, 'deptIds', '请至少选择1个被呼叫部门'],
    ['call repeats a department', S.callInput, { caseId: 'c1', deptIds: ['a', 'a'], what: '会商', place, meetAt: T }, 'deptIds', '被呼叫部门不能重复'],
    ['call without place', S.callInput, { caseId: 'c1', deptIds: ['a'], what: '会商', meetAt: T }, 'place', '请选择地点'],
    ['verify fail without note', S.verifyInput, { caseId: 'c1', pass: false }, 'note', '核查不通过须说明原因'],
    ['rate dissatisfied without reason', S.rateInput, { caseId: 'c1', level: 'dissatisfied' }, 'reason', '选择不满意时请说明原因'],
    ['duplicate of itself', S.markDuplicateInput, { caseId: 'c1', masterId: 'c1', reason: '同一问题' }, 'masterId', '不能与自身合并'],
    ['empty note', S.noteInput, { caseId: 'c1' }, 'text', '请填写内容或上传照片'],
    ['unknown channel', S.channelIntakeInput, { channel: 'weibo', channelRef: 'x', description: '路灯' }, 'channel', '来源渠道不正确'],
    ['intake as miniapp', S.channelIntakeInput, { channel: 'miniapp', channelRef: 'x', description: '路灯' }, 'channel', '来源渠道不正确'],
    ['intake naming no channel', S.channelIntakeInput, { channelRef: 'x', description: '路灯' }, 'channel', '请选择来源渠道'],
    ['return without reason', S.returnInput, { caseId: 'c1', reason: '' }, 'reason', '请填写退单原因'],
    ['invalid without reason', S.closeInvalidInput, { caseId: 'c1', reason: '无' }, 'reason', '作废原因至少2个字'],
    ['bad version', S.acceptInput, { caseId: 'c1', expectedVersion: 0 }, 'expectedVersion', '版本号格式不正确'],
    ['check-in without location', C.checkInInput, { callId: 'k1' }, 'location', '请选择位置'],
    ['action too short', C.recordActionInput, { callId: 'k1', text: '好' }, 'text', '处置情况至少2个字'],
    ['差评 without reasons', C.rateDeptInput, { callId: 'k1', level: 'poor' }, 'reasons', '差评请至少选择一个负面原因'],
    ['cancel without reason', C.cancelCallInput, { callId: 'k1' }, 'reason', '请填写取消原因'],
  ] as const)('%s', (_n, schema, input, path, message) => {
    const r = parseInput(schema as never, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({ path, message });
    for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

test('every action has a schema', () => {
  expect(Object.keys(S.CASE_ACTION_SCHEMAS).sort()).toEqual(
    ['accept', 'assign', 'call', 'channelIntake', 'closeInvalid', 'decideHard', 'dispatch', 'extend', 'flagHard', 'forwardResult', 'markDuplicate', 'note', 'rate', 'report', 'reroute', 'resolve', 'return', 'supplement', 'verify', 'withdraw'],
  );
  expect(Object.keys(C.CALL_ACTION_SCHEMAS).sort()).toEqual(['acknowledge', 'cancel', 'checkIn', 'consult', 'rateCall', 'rateDept', 'recordAction']);
});
