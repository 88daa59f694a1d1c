// Functions are tested as deployed: the esbuild bundles in cloudfunctions/<fn>/index.js, run by local/ on the real SDK.
import { buildFunctions } from '../../scripts/build-functions';

export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
