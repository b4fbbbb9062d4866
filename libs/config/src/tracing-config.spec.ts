import { ConfigError, loadConfig } from './app-config';

describe('tracing settings', () => {
  it('are off by default', () => {
    expect(loadConfig({}).tracing).toEqual({ tracesUrl: null, serviceName: null });
  });

  it('send to <endpoint>/v1/traces, with or without a trailing slash, under the service name given', () => {
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_SERVICE_NAME: 'rw-api.eu' })
        .tracing,
    ).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'rw-api.eu' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example/otlp' }).tracing.tracesUrl).toBe(
      'https://otel.example/otlp/v1/traces',
    );
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'grpc://collector:4317'],
    ['OTEL_SERVICE_NAME', 'has spaces'],
    ['OTEL_SERVICE_NAME', 'x'.repeat(101)],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid configuration:\\n  - ${name}`));
  });
});
