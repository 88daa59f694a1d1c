/** 随手拍: the citizen's report, and the category suggestion while they type. */
import { suggestCategoryFromText } from '@domain/routing/classifier-model';
import { implement } from '../../../common/actions';
import { contract } from '@domain/contract';
import { contentCheck, intake } from '../../../common/intake';
import { getOrg } from '../../../common/org';
import { rateLimit } from '../../../common/rate-limit';
import { checkPhotos } from '../../../common/uploads';
import { settle } from '../../../common/settle';

export const report = implement(contract['case.report'], {
  // Beside the caller's look-up: the rate limit, and the checks that need only the openid and the payload (the photos
  // are the caller's uploads, the text passes WeChat's content check). A re-submission of an already filed report
  // (same clientToken) is answered by intake without a new case, but it still counts: the limit bounds attempts, and
  // the app re-submits only after a failure. A refused attempt has started its checks too; they change nothing.
  gate: async (openid, now, input) => {
    const photos = settle(checkPhotos(input.photos, openid));
    const check = contentCheck(input.description, openid);
    await rateLimit('report', openid, now);
    return { photos, check };
  },
  async handler(input, { caller, clock, gated }) {
    await gated.photos();
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
        check: gated.check,
      },
      clock.now(),
    );
  },
});

export const suggestCategory = implement(contract['case.suggestCategory'], {
  async handler({ text }) {
    if (text.trim().length < 4) return [];
    const org = await getOrg();
    return suggestCategoryFromText(text, 3)
      .filter((s) => org.byId.category.has(s.code) && !org.byId.category.get(s.code)!.disabled)
      .map((s) => ({ code: s.code, name: org.byId.category.get(s.code)!.name, score: Math.round(s.score * 1000) / 1000 }));
  },
});
