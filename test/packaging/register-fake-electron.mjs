// `node --import tsx --import ./test/packaging/register-fake-electron.mjs …`: 'electron' → the fake.
import { register } from 'node:module';

register('./fake-electron-hooks.mjs', import.meta.url);
