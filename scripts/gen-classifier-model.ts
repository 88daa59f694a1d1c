/**
 * Trains the shipped category model (src/domain/routing/classifier.ts) on the training split of the examples and
 * writes it to src/domain/routing/classifier.model.json. After changing the examples or the classifier, run and
 * commit:
 *   npm run gen:classifier
 * tests/domain/routing checks the committed model equals what this produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { trainClassifier } from '../src/domain/routing/classifier';
import { exampleSplit } from '../src/domain/routing/classifier-dataset';

const OUT = path.resolve(__dirname, '../src/domain/routing/classifier.model.json');
fs.writeFileSync(OUT, JSON.stringify(trainClassifier(exampleSplit().train)) + '\n');
console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
