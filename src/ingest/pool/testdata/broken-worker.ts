/** A worker module that fails as it loads (a broken or missing build), for the pool's tests. */
throw new Error('cannot start');
