/**
 * Generates the committed street/town boundaries (see boundaries.build.ts). Run once after changing
 * seed/territory.source.ts, then commit the output:
 *   npx tsx src/domain/org/generate-boundaries.ts > src/domain/org/seed/boundaries.json
 * tests/domain/org checks that the committed file equals what this produces.
 */
import { buildBoundaries } from './boundaries.build';

const b = buildBoundaries();
console.log('{\n' + Object.keys(b).map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(b[k])}`).join(',\n') + '\n}');
