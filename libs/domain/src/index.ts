// Public surface of the pure domain library. Named exports only, added as modules land.
export {};
