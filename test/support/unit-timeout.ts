// Property tests walk thousands of dates and zones: on a loaded two-core machine one run can pass
// Jest's 5 s default without anything being wrong. A real hang still fails, later.
jest.setTimeout(30_000);
