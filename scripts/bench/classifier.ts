/** Held-out accuracy of the shipped category model (智能判断), against the shipped labelled examples. */
import { exampleSplit } from '../../src/domain/routing/classifier-dataset';
import { evaluateClassifier } from '../../src/domain/routing/classifier';
import { CATEGORY_MODEL, suggestCategoryFromText } from '../../src/domain/routing/classifier-model';

export async function benchClassifier(): Promise<Record<string, number>> {
  const { train, heldOut } = exampleSplit();
  const ev = evaluateClassifier(CATEGORY_MODEL, heldOut);
  const n = 2000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) suggestCategoryFromText(heldOut[i % heldOut.length].text);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  return {
    trainExamples: train.length,
    heldOutExamples: heldOut.length,
    heldOutAccuracyPct: Math.round(ev.accuracy * 1000) / 10,
    heldOutTop3Pct: Math.round(ev.top3Accuracy * 1000) / 10,
    suggestMicrosPerCall: Math.round(us * 10) / 10,
  };
}
