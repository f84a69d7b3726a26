import { auditChanges, nameIds } from './audit-diff';

describe('auditChanges', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(
      auditChanges(
        JSON.stringify({ role: 'operator', siteIds: ['s1'], name: 'Ann' }),
        JSON.stringify({ role: 'admin', siteIds: null, name: 'Ann' }),
      ),
    ).toEqual([
      { field: 'role', kind: 'changed', before: 'operator', after: 'admin' },
      { field: 'siteIds', kind: 'changed', before: '["s1"]', after: 'null' },
    ]);
  });

  it('shows a creation as added fields and a removal as removed ones, nested objects as paths', () => {
    expect(auditChanges(null, JSON.stringify({ name: 'ERP', limits: { perMinute: 600 } }))).toEqual([
      { field: 'limits.perMinute', kind: 'added', after: '600' },
      { field: 'name', kind: 'added', after: 'ERP' },
    ]);
    expect(auditChanges(JSON.stringify({ revokedAt: null }), JSON.stringify({}))).toEqual([
      { field: 'revokedAt', kind: 'removed', before: 'null' },
    ]);
  });

  it('keeps text that is not JSON readable instead of failing', () => {
    expect(auditChanges('old text', '{"a":1}')).toEqual([
      { field: 'a', kind: 'added', after: '1' },
      { field: 'value', kind: 'removed', before: 'old text' },
    ]);
    expect(auditChanges(null, null)).toEqual([]);
  });
});

describe('nameIds', () => {
  it('replaces the ids the viewer can name and keeps the others', () => {
    const site = '4cea8e6a-ea0f-4b07-a928-320e44f8f798';
    const unknown = '248de4cf-e9d8-4692-a338-8cbe3a05526c';
    const names = new Map([[site, 'Stuttgart Plant']]);
    expect(nameIds(`["${site.toUpperCase()}","${unknown}"]`, names)).toBe(`["Stuttgart Plant","${unknown}"]`);
  });
});
