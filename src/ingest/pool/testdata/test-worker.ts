/** A worker for the pool's own tests: jobs that finish, spin for ever, swell without end, or fault. */
export type TestJob = { readonly kind: 'echo'; readonly value: string } | { readonly kind: 'spin' } | { readonly kind: 'swell' } | { readonly kind: 'fault' };

export default async function run(job: TestJob): Promise<string> {
  switch (job.kind) {
    case 'echo':
      return job.value;
    case 'spin':
      for (;;) {
        // A parser stuck in a loop: only stopping the thread ends it.
      }
    case 'swell': {
      const kept: string[] = [];
      for (let i = 0; ; i++) kept.push(`${i}`.repeat(1000));
    }
    case 'fault':
      throw new Error('boom in the worker');
  }
}
