/**
 * Trains the shipped category model on the training split and prints it as JSON. After changing the
 * examples or the classifier, run and commit:
 *   npx tsx src/domain/routing/generate-classifier-model.ts > src/domain/routing/classifier.model.json
 * tests/domain/routing checks the committed model equals what this produces.
 */
import { trainClassifier } from './classifier';
import { exampleSplit } from './classifier.dataset';

console.log(JSON.stringify(trainClassifier(exampleSplit().train)));
