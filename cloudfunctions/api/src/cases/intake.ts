/** 随手拍: the citizen's report, and the category suggestion while they type. */
import * as z from 'zod/mini';
import { reportInput } from '@domain/case/case.schema';
import { suggestCategoryFromText } from '@domain/routing/classifier.model';
import { defineAction } from '../../../shared/actions';
import { intake } from '../../../shared/intake';
import { getOrg } from '../../../shared/org';
import { zhInput } from './input';
import { rateLimit } from '../../../shared/rate-limit';
import { checkPhotos } from '../../../shared/uploads';

export const report = defineAction({
  name: 'case.report',
  roles: 'anyone',
  input: zhInput(reportInput),
  async handler(input, { caller, clock }) {
    // a re-submission of an already filed report (same clientToken) is answered by intake without a new case,
    // but it still counts: the limit bounds attempts, and the app re-submits only after a failure
    await rateLimit('report', caller.openid, clock.now());
    await checkPhotos(input.photos, caller.openid);
    return intake(
      {
        channel: 'miniapp',
        ref: `${caller.openid}:${input.clientToken}`,
        reporter: { openid: caller.openid, phone: input.phone },
        categoryCode: input.categoryCode,
        description: input.description,
        photos: input.photos,
        location: input.location,
        communityId: input.communityId,
        phone: input.phone,
        actor: { id: caller.openid, roles: ['citizen'], openid: caller.openid },
        checkOpenid: caller.openid,
      },
      clock.now(),
    );
  },
});

export const suggestCategory = defineAction({
  name: 'case.suggestCategory',
  roles: 'anyone',
  input: zhInput(z.object({ text: z.string({ error: '请填写描述' }).check(z.maxLength(2000, '描述过长')) })),
  async handler({ text }) {
    if (text.trim().length < 4) return [];
    const org = await getOrg();
    return suggestCategoryFromText(text, 3)
      .filter((s) => org.byId.category.has(s.code) && !org.byId.category.get(s.code)!.disabled)
      .map((s) => ({ code: s.code, name: org.byId.category.get(s.code)!.name, score: Math.round(s.score * 1000) / 1000 }));
  },
});
