import { requestIdFrom } from './request-id';

describe('request ids', () => {
  it("keeps a caller's plain id so one request can be followed across services", () => {
    expect(requestIdFrom('7f9c2ba4-e88f-4c6b-9a3d-1f0e2d3c4b5a')).toBe(
      '7f9c2ba4-e88f-4c6b-9a3d-1f0e2d3c4b5a',
    );
    expect(requestIdFrom(['lb-1234567890', 'other'])).toBe('lb-1234567890');
  });

  it('replaces a missing, short, long or unsafe id with a fresh UUID', () => {
    for (const header of [
      undefined,
      'abc',
      'x'.repeat(129),
      'ok-but\nforged log line',
      '<script>alert(1)</script>',
    ]) {
      expect(requestIdFrom(header)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});
