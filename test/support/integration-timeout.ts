// Integration and end-to-end tests boot the real api and worker and walk simulated weeks.
jest.setTimeout(120_000);
