/**
 * Category suggestion (智能判断): multinomial naive Bayes over character unigrams and bigrams of the
 * report text, with a small stop list, binary counts per document, Laplace/Lidstone smoothing and a
 * softmax temperature fitted by cross-validation on the training set so that scores read as
 * probabilities. Pure and deterministic; the model is plain JSON.
 */

export interface LabelledExample {
  text: string;
  code: string;
}

export interface ClassifierModel {
  version: 1;
  kind: 'nb-char-bigram';
  alpha: number;
  temperature: number;
  classes: string[];
  /** log prior per class */
  logPriors: number[];
  /** feature occurrences per class (binary per document) */
  totals: number[];
  vocabSize: number;
  /** feature → "classIndex:count,classIndex:count" (sparse, compact) */
  features: Record<string, string>;
}

export interface Suggestion {
  code: string;
  /** probability-like score in [0, 1]; the full distribution sums to 1 */
  score: number;
}

export interface TrainOptions {
  /** smoothing candidates; the best by cross-validated accuracy is kept */
  alphas: number[];
  /** drop features seen in fewer documents than this */
  minDocFreq: number;
  folds: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { alphas: [0.5, 1, 2, 3, 5, 8], minDocFreq: 2, folds: 5 };

/** Characters carrying no topic: particles, pronouns, fillers. Bigrams made only of these are dropped too. */
const STOP = new Set(Array.from('的了是在我们你他她它有很都就也还和与及或这那个些一上下里吗呢吧啊呀哦嘛么请麻烦帮忙谢希望能好把被给让对说要会到从'));

/**
 * Gulou place names (roads, landmarks, residential areas, communities, streets). Places say where, not
 * what: they are cut out of the text before features are made, so the classifier cannot learn
 * "湖东路 → 路灯不亮" from a handful of examples. Longest names first.
 */
export const PLACE_NAMES: readonly string[] = [
  '左海家具城', '左海公园', '五凤山庄', '温泉公园', '三坊七巷', '秘书横巷', '金牛山', '祭酒岭', '洪山桥', '琼东河', '安泰河',
  '东街口', '南后街', '光禄坊', '朱紫坊', '文儒坊', '水部门', '西湖', '乌山', '于山', '屏山', '五凤山', '左海',
  '五四路', '湖东路', '杨桥路', '鼓屏路', '华林路', '北大路', '西二环', '梅峰路', '西洪路', '洪甘路', '工业路', '古田路',
  '五一北路', '八一七北路', '乌山路', '道山路', '湖滨路', '铜盘路', '琴亭路', '冶山路', '省府路', '北环中路', '福飞路', '东大路',
  '温泉公园路', '屏西', '屏北', '金汤', '军门', '五凤', '洪山', '水部', '鼓东', '鼓西', '温泉', '东街', '南街', '安泰', '华大',
].slice().sort((a, b) => b.length - a.length);

/** Normalise and cut text into features: unigrams (not stop) and bigrams (not both stop). */
export function tokenize(text: string): string[] {
  let clean = text.normalize('NFKC').toLowerCase().replace(/[0-9]+/g, '0');
  for (const p of PLACE_NAMES) clean = clean.split(p).join('，');
  const chars = Array.from(clean);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      const c = run[i];
      if (!STOP.has(c)) out.push(c);
      if (i + 1 < run.length) {
        const d = run[i + 1];
        if (!(STOP.has(c) && STOP.has(d))) out.push(c + d);
      }
    }
    run = [];
  };
  for (const ch of chars) {
    if (/[\p{L}\p{N}]/u.test(ch)) run.push(ch);
    else flush();
  }
  flush();
  return out;
}

function docFeatures(text: string): string[] {
  return [...new Set(tokenize(text))];
}

interface Counts {
  classes: string[];
  docs: number[];
  totals: number[];
  perFeature: Map<string, number[]>;
  docFreq: Map<string, number>;
}

function count(examples: readonly LabelledExample[], classes: string[]): Counts {
  const idx = new Map(classes.map((c, i) => [c, i]));
  const docs = classes.map(() => 0);
  const totals = classes.map(() => 0);
  const perFeature = new Map<string, number[]>();
  const docFreq = new Map<string, number>();
  for (const ex of examples) {
    const k = idx.get(ex.code);
    if (k === undefined) continue;
    docs[k] += 1;
    for (const f of docFeatures(ex.text)) {
      let row = perFeature.get(f);
      if (!row) {
        row = classes.map(() => 0);
        perFeature.set(f, row);
      }
      row[k] += 1;
      totals[k] += 1;
      docFreq.set(f, (docFreq.get(f) ?? 0) + 1);
    }
  }
  return { classes, docs, totals, perFeature, docFreq };
}

function build(c: Counts, alpha: number, temperature: number, minDocFreq: number): ClassifierModel {
  const features: Record<string, string> = {};
  const totals = c.classes.map(() => 0);
  const keys = [...c.perFeature.keys()].filter((f) => (c.docFreq.get(f) ?? 0) >= minDocFreq).sort();
  for (const f of keys) {
    const row = c.perFeature.get(f) as number[];
    const parts: string[] = [];
    row.forEach((n, k) => {
      if (n > 0) {
        parts.push(`${k}:${n}`);
        totals[k] += n;
      }
    });
    features[f] = parts.join(',');
  }
  const nDocs = c.docs.reduce((a, b) => a + b, 0);
  return {
    version: 1,
    kind: 'nb-char-bigram',
    alpha,
    temperature,
    classes: c.classes,
    logPriors: c.docs.map((d) => Math.log((d + 1) / (nDocs + c.classes.length))),
    totals,
    vocabSize: keys.length,
    features,
  };
}

/** Decoded log-likelihood tables, computed once per model object. */
interface Decoded {
  /** log P(feature | class) for seen features */
  table: Map<string, Float64Array>;
}
const decodedCache = new WeakMap<ClassifierModel, Decoded>();

function decode(model: ClassifierModel): Decoded {
  const hit = decodedCache.get(model);
  if (hit) return hit;
  const n = model.classes.length;
  const denom = model.totals.map((t) => Math.log(t + model.alpha * (model.vocabSize + 1)));
  const unseen = denom.map((d) => Math.log(model.alpha) - d);
  const table = new Map<string, Float64Array>();
  for (const [f, enc] of Object.entries(model.features)) {
    const row = Float64Array.from(unseen);
    for (const part of enc.split(',')) {
      const colon = part.indexOf(':');
      const k = Number(part.slice(0, colon));
      if (k >= 0 && k < n) row[k] = Math.log(Number(part.slice(colon + 1)) + model.alpha) - denom[k];
    }
    table.set(f, row);
  }
  const d = { table };
  decodedCache.set(model, d);
  return d;
}

/** Per-class log scores (unnormalised). Features the model never kept are ignored. */
function logScores(model: ClassifierModel, text: string): number[] {
  const { table } = decode(model);
  const s = model.logPriors.slice();
  for (const f of docFeatures(text)) {
    const row = table.get(f);
    if (!row) continue;
    for (let k = 0; k < s.length; k++) s[k] += row[k];
  }
  return s;
}

function softmax(xs: number[], temperature: number): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp((x - m) / temperature));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** Full probability distribution over the model's classes. */
export function categoryDistribution(model: ClassifierModel, text: string): Suggestion[] {
  const p = softmax(logScores(model, text), model.temperature);
  return model.classes
    .map((code, k) => ({ code, score: p[k] }))
    .sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
}

/** Top-k suggestions (default 3), highest first, scores rounded to 3 decimals. */
export function suggestCategory(model: ClassifierModel, text: string, k = 3): Suggestion[] {
  return categoryDistribution(model, text)
    .slice(0, k)
    .map((s) => ({ code: s.code, score: Math.round(s.score * 1000) / 1000 }));
}

/** Deterministic folds: the i-th example of each class goes to fold i % folds. */
function folds(examples: readonly LabelledExample[], k: number): number[] {
  const seen = new Map<string, number>();
  return examples.map((e) => {
    const i = seen.get(e.code) ?? 0;
    seen.set(e.code, i + 1);
    return i % k;
  });
}

/**
 * Train from labelled examples. Smoothing is chosen by k-fold cross-validated accuracy on the
 * examples, the softmax temperature by cross-validated log-loss (a grid search), so the
 * held-out set is never looked at.
 */
export function trainClassifier(examples: readonly LabelledExample[], options: Partial<TrainOptions> = {}): ClassifierModel {
  const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const classes = [...new Set(examples.map((e) => e.code))];
  const fold = folds(examples, opts.folds);
  const foldModels: { model: ClassifierModel; test: LabelledExample[] }[][] = opts.alphas.map(() => []);
  for (let f = 0; f < opts.folds; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const test = examples.filter((_, i) => fold[i] === f);
    if (test.length === 0 || train.length === 0) continue;
    const c = count(train, classes);
    opts.alphas.forEach((alpha, ai) => foldModels[ai].push({ model: build(c, alpha, 1, opts.minDocFreq), test }));
  }
  let bestAlpha = opts.alphas[0];
  let bestAcc = -1;
  opts.alphas.forEach((alpha, ai) => {
    let ok = 0;
    let n = 0;
    for (const { model, test } of foldModels[ai]) {
      for (const ex of test) {
        n += 1;
        if (argmax(logScores(model, ex.text)) === model.classes.indexOf(ex.code)) ok += 1;
      }
    }
    const acc = n ? ok / n : 0;
    if (acc > bestAcc + 1e-12) {
      bestAcc = acc;
      bestAlpha = alpha;
    }
  });
  // temperature by cross-validated log-loss with the chosen alpha
  const cv = foldModels[opts.alphas.indexOf(bestAlpha)];
  const scored = cv.flatMap(({ model, test }) => test.map((ex) => ({ s: logScores(model, ex.text), k: model.classes.indexOf(ex.code) })));
  let bestT = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 20; t += 0.25) {
    let loss = 0;
    for (const { s, k } of scored) loss -= Math.log(Math.max(softmax(s, t)[k], 1e-12));
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      bestT = t;
    }
  }
  return build(count(examples, classes), bestAlpha, bestT, opts.minDocFreq);
}

function argmax(xs: number[]): number {
  let b = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] > xs[b]) b = i;
  return b;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  top3Accuracy: number;
  /** mean probability given to the right class */
  meanTrueScore: number;
  perCategory: Record<string, { n: number; correct: number; accuracy: number; confusedWith: Record<string, number> }>;
}

export function evaluateClassifier(model: ClassifierModel, heldOut: readonly LabelledExample[]): Evaluation {
  const perCategory: Evaluation['perCategory'] = {};
  let ok = 0;
  let top3 = 0;
  let trueScore = 0;
  for (const ex of heldOut) {
    const dist = categoryDistribution(model, ex.text);
    const pc = (perCategory[ex.code] ??= { n: 0, correct: 0, accuracy: 0, confusedWith: {} });
    pc.n += 1;
    if (dist[0].code === ex.code) {
      ok += 1;
      pc.correct += 1;
    } else {
      pc.confusedWith[dist[0].code] = (pc.confusedWith[dist[0].code] ?? 0) + 1;
    }
    if (dist.slice(0, 3).some((d) => d.code === ex.code)) top3 += 1;
    trueScore += dist.find((d) => d.code === ex.code)?.score ?? 0;
  }
  for (const pc of Object.values(perCategory)) pc.accuracy = pc.n ? pc.correct / pc.n : 0;
  const n = heldOut.length;
  return { n, accuracy: n ? ok / n : 0, top3Accuracy: n ? top3 / n : 0, meanTrueScore: n ? trueScore / n : 0, perCategory };
}
