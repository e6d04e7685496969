// Builds the renderer once before the browser tests (the same build the app ships).
import { buildRenderer } from '../../../main/preview/build-renderer';

export default async function globalSetup(): Promise<void> {
  await buildRenderer();
}
