import fc from 'fast-check';

// A failing property shrinks its counterexample, and with long generated texts shrinking can run
// for many minutes: cap every property's run so a failure reports promptly instead of stalling CI.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });
