import { roleOf } from './queue-dashboard';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
const BOTH = { adminPassword: 'admin-password-0123', viewerPassword: 'viewer-password-0123' };

describe('the dashboard credentials', () => {
  it('tell admin from viewer by their own passwords', () => {
    expect(roleOf(basic('admin:admin-password-0123'), BOTH)).toBe('admin');
    expect(roleOf(basic('viewer:viewer-password-0123'), BOTH)).toBe('viewer');
  });

  it('refuse anything else: a swapped password, another user, a bearer token, no header', () => {
    for (const header of [
      basic('admin:viewer-password-0123'),
      basic('viewer:admin-password-0123'),
      basic('root:admin-password-0123'),
      basic('admin'),
      basic('admin:'),
      'Bearer admin-password-0123',
      'Basic !!!',
      undefined,
    ])
      expect(roleOf(header, BOTH)).toBeNull();
  });

  it('open no role whose password is not set', () => {
    const viewerOnly = { adminPassword: null, viewerPassword: 'viewer-password-0123' };
    expect(roleOf(basic('admin:'), viewerOnly)).toBeNull();
    expect(roleOf(basic('admin:null'), viewerOnly)).toBeNull();
    expect(roleOf(basic('viewer:viewer-password-0123'), viewerOnly)).toBe('viewer');
  });
});
