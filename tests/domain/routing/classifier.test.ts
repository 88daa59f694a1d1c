import committedModel from '../../../src/domain/routing/classifier.model.json';
import {
  categoryDistribution, evaluateClassifier, suggestCategory, tokenize, trainClassifier,
} from '../../../src/domain/routing/classifier';
import { exampleSplit } from '../../../src/domain/routing/classifier-dataset';
import { CLASSIFIER_EXAMPLES } from '../../../src/domain/routing/classifier-examples';
import { CATEGORY_MODEL, suggestCategoryFromText } from '../../../src/domain/routing/classifier-model';
import { CATEGORIES } from '@domain/org';

const { train, heldOut } = exampleSplit();

describe('example set', () => {
  test('at least 20 examples for every one of the 23 categories, no duplicates', () => {
    expect(Object.keys(CLASSIFIER_EXAMPLES).sort()).toEqual(CATEGORIES.map((c) => c.code).sort());
    for (const texts of Object.values(CLASSIFIER_EXAMPLES)) expect(texts.length).toBeGreaterThanOrEqual(20);
    const all = Object.values(CLASSIFIER_EXAMPLES).flat();
    expect(all.length).toBeGreaterThanOrEqual(460);
    expect(new Set(all).size).toBe(all.length);
  });
  test('deterministic split: one fifth held out per category, disjoint', () => {
    expect(heldOut.length).toBe(115);
    expect(train.length).toBe(460);
    const heldTexts = new Set(heldOut.map((e) => e.text));
    expect(train.some((e) => heldTexts.has(e.text))).toBe(false);
    expect(exampleSplit()).toEqual({ train, heldOut });
  });
});

describe('tokenize', () => {
  test('unigrams without stop characters, bigrams, punctuation splits, places removed', () => {
    expect(tokenize('路灯不亮了！')).toEqual(['路', '路灯', '灯', '灯不', '不', '不亮', '亮', '亮了']);
    expect(tokenize('湖东路井盖')).toEqual(['井', '井盖', '盖']);
    expect(tokenize('，。！')).toEqual([]);
  });
});

describe('trained model', () => {
  test('the committed model equals a fresh training on the training split (deterministic, not stale)', () => {
    expect(trainClassifier(train)).toEqual(committedModel);
  });

  test('held-out accuracy ≥ 85%, top-3 ≥ 95%, and far above trivial baselines', () => {
    const e = evaluateClassifier(CATEGORY_MODEL, heldOut);
    // majority-class baseline: every class has 5 held-out examples → 5/115
    const majority = 5 / 115;
    // keyword baseline: the first category whose seed keyword occurs in the text, else 其他
    const kwHits = heldOut.filter((ex) => (CATEGORIES.find((c) => (c.keywords ?? []).some((w) => ex.text.includes(w)))?.code ?? 'other') === ex.code).length;
    const keyword = kwHits / heldOut.length;
    expect(e.n).toBe(115);
    expect(e.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(e.top3Accuracy).toBeGreaterThanOrEqual(0.95);
    expect(e.accuracy).toBeGreaterThan(majority + 0.5);
    expect(e.accuracy).toBeGreaterThan(keyword + 0.1);
  });

  test('scores behave like probabilities: the full distribution sums to 1; top score tracks correctness', () => {
    const d = categoryDistribution(CATEGORY_MODEL, '楼下烧烤店油烟很大');
    expect(d).toHaveLength(23);
    expect(d.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 9);
    const tops = heldOut.map((ex) => {
      const top = categoryDistribution(CATEGORY_MODEL, ex.text)[0];
      return { p: top.score, ok: top.code === ex.code };
    });
    const meanConfidence = tops.reduce((s, t) => s + t.p, 0) / tops.length;
    const accuracy = tops.filter((t) => t.ok).length / tops.length;
    // calibrated-ish: mean confidence within 10 points of accuracy; right answers more confident than wrong ones
    expect(Math.abs(meanConfidence - accuracy)).toBeLessThan(0.1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(tops.filter((t) => t.ok).map((t) => t.p))).toBeGreaterThan(mean(tops.filter((t) => !t.ok).map((t) => t.p)) + 0.2);
  });

  test.each<[string, string]>([
    ['小区门口的路灯坏了，晚上一片漆黑', 'lamp'],
    ['马路中间井盖不见了，有个大洞', 'manhole'],
    ['楼下烧烤店油烟太大了，熏得没法开窗', 'fumes'],
    ['半夜工地还在施工，吵得睡不着', 'noise'],
    ['暴雨后路口积水很深，车过不去', 'waterlogging'],
    ['家里停水一整天了', 'water-supply'],
    ['地铁口共享单车乱停，人都走不过去', 'bikes'],
    ['有人遛狗不拴绳，还不清理狗屎', 'dog'],
    ['楼道里堆满了杂物，消防通道都堵了', 'corridor'],
    ['物业不作为，电梯坏了也不修', 'property'],
    ['路口红绿灯坏了，一直闪黄灯', 'traffic-light'],
  ])('"%s" → %s (top-1), with a top-3 list', (text, code) => {
    const s = suggestCategoryFromText(text);
    expect(s).toHaveLength(3);
    expect(s[0].code).toBe(code);
    expect(s[0].score).toBeGreaterThan(s[1].score);
  });

  test('text without known features falls back to the priors (no crash, flat scores)', () => {
    const s = suggestCategory(CATEGORY_MODEL, '！！！');
    expect(s).toHaveLength(3);
    expect(s[0].score).toBeLessThan(0.1);
  });

  test('the model is plain JSON and small enough to bundle', () => {
    expect(JSON.parse(JSON.stringify(CATEGORY_MODEL))).toEqual(CATEGORY_MODEL);
    expect(JSON.stringify(CATEGORY_MODEL).length).toBeLessThan(60_000);
  });
});
