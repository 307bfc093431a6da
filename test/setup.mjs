/**
 * Loaded before every test file (`npm test`): property tests draw their inputs from one fixed seed, so every run of
 * `npm test` — on a developer's machine or a loaded CI machine — tests exactly the same inputs, and a failure
 * reproduces. FC_SEED=<n> runs them with another seed; exploring at scale is `npm run fuzz`'s job.
 * Plain JavaScript: worker threads load it too, and the TypeScript loader does not reach them.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_204) });
