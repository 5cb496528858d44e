/**
 * The popup's kept answers (components/popup/snapshot.ts), read from IndexedDB while the popup's
 * main script is still loading and compiling: a small classic script that entrypoints/popup/index.html
 * lists before it. main.tsx takes the read (or starts one if this did not run).
 */
import { startEarlyRead } from '@/components/popup/snapshot';

export default defineUnlistedScript(() => startEarlyRead(indexedDB));
