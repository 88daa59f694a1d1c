/**
 * `open311`: the Open311 GeoReport v2 adapter for channel systems (12345, the grid platform, 数字城管, partner units),
 * reached through WeChat cloud's HTTP access service (integration request in, integration response out).
 * Only the HTTP access service is served (`SOURCE` wx_http); a mini-program client (an invocation carrying an OPENID)
 * or another function is refused, in the spec's error format.
 */
import { handleOpen311, type HttpEvent, type HttpResponse } from '../../common/open311';
import { serverClock } from '../../common/clock';
import { sdk } from '../../common/sdk';

export async function main(event: HttpEvent): Promise<HttpResponse> {
  const { OPENID, SOURCE } = sdk().getWXContext();
  return handleOpen311(event ?? {}, () => serverClock.now(), { openid: OPENID || undefined, source: SOURCE });
}
