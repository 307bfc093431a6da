// Only when running from source (tests, scripts through tsx): a pool worker that loads TypeScript.
// Why: on Node 20 the tsx loader that `--import tsx` registers does not reach dynamic import() inside worker threads
// ("Unknown file extension .ts"), so the worker registers it itself, then loads the real worker module that the pool
// names in workerData. Built code (dist/) never uses this file.
import { workerData } from 'piscina';

const { register } = await import('tsx/esm/api');
register();
const target = workerData?.worker;
if (typeof target !== 'string') throw new Error('tsx-boot: no worker module named in workerData');
const mod = await import(target);
export default mod.default;
