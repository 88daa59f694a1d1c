/**
 * `open311`: the Open311 GeoReport v2 adapter for channel systems (12345, the grid platform, 数字城管, partner units),
 * reached through WeChat cloud's HTTP access service (integration request in, integration response out).
 * A mini-program client has no business here: an invocation carrying an OPENID is refused.
 */
import { handleOpen311, type HttpEvent, type HttpResponse } from '../../shared/open311';
import { serverClock } from '../../shared/clock';
import { sdk } from '../../shared/sdk';

export async function main(event: HttpEvent): Promise<HttpResponse> {
  const { OPENID } = sdk().getWXContext();
  if (OPENID) {
    return { statusCode: 403, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify([{ code: 403, description: '该接口仅供渠道系统通过 HTTP 调用' }]), isBase64Encoded: false };
  }
  return handleOpen311(event ?? {}, () => serverClock.now());
}
