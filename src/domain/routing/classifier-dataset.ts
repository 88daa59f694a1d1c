import type { LabelledExample } from './classifier';
import { CLASSIFIER_EXAMPLES } from './classifier-examples';

/**
 * The shipped examples, split deterministically: within each category, index % 5 === 4 is held out
 * (5 of 25), the rest is for training. Kept apart from classifier.ts so runtime bundles that only
 * suggest categories do not carry the example texts.
 */
export function exampleSplit(): { train: LabelledExample[]; heldOut: LabelledExample[] } {
  const train: LabelledExample[] = [];
  const heldOut: LabelledExample[] = [];
  for (const [code, texts] of Object.entries(CLASSIFIER_EXAMPLES)) {
    texts.forEach((text, i) => (i % 5 === 4 ? heldOut : train).push({ text, code }));
  }
  return { train, heldOut };
}
