// A separate process that increments a counter in a local folder store: run by
// local-object-store-cas.test.ts several times at once to check that putIfMatch is atomic across processes.
import { LocalObjectStore } from '@vigil/local';
import { incrementCounter } from '../../support/cas-counter.ts';

const [root, key, times] = process.argv.slice(2) as [string, string, string];
const store = new LocalObjectStore(root);
for (let i = 0; i < Number(times); i++) await incrementCounter(store, key);
