import { workspaceReturnPath } from './workspace-errors';

describe('workspaceReturnPath', () => {
  it('keeps paths inside the workspace', () => {
    expect(workspaceReturnPath('/coach/participants/7b8a6d3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(
      '/coach/participants/7b8a6d3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    expect(workspaceReturnPath('/coach/participants?q=sam&status=active')).toBe(
      '/coach/participants?q=sam&status=active',
    );
  });

  it('drops anything that could lead elsewhere or loop', () => {
    for (const bad of [
      'https://evil.example/coach/x',
      '//evil.example',
      '/coach//evil.example',
      '/p/confirm/x',
      '/coach/sign-in',
      '/coach/sign-out',
      '/coach/x"><script>',
      '/coach/\\evil',
      'javascript:alert(1)',
      `/coach/${'a'.repeat(400)}`,
      42,
      null,
    ]) {
      expect(workspaceReturnPath(bad)).toBeNull();
    }
  });
});
