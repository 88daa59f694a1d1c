import { suggestCategory } from './classifier';
import type { ClassifierModel, Suggestion } from './classifier';
import model from './classifier.model.json';

/** The shipped model (trained on the training split of classifier-examples.ts; see scripts/gen-classifier-model.ts). */
export const CATEGORY_MODEL = model as unknown as ClassifierModel;

/** 智能判断 with the shipped model: top-3 category codes with probability-like scores. */
export function suggestCategoryFromText(text: string, k = 3): Suggestion[] {
  return suggestCategory(CATEGORY_MODEL, text, k);
}
