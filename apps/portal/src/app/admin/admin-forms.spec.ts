import {
  apiKeyInput,
  auditFilterInput,
  emptyApiKeyForm,
  validateAccept,
  validateApiKey,
  validateAuditFilter,
  validateInvite,
} from './admin-forms';

const NOW = new Date('2026-03-10T23:30:00Z'); // already 11 March in Berlin

describe('administration forms', () => {
  it('asks for an e-mail address and a role before inviting', () => {
    expect(validateInvite({ email: 'not an address', role: null })).toEqual({
      email: 'Enter an e-mail address such as name@example.com.',
      role: 'Choose what the new member may do.',
    });
    expect(validateInvite({ email: ' new@example.com ', role: 'viewer' })).toEqual({});
  });

  it("says the API's password rules before accepting an invitation", () => {
    const form = { token: 'cvi_x', name: 'Nia', password: 'short', repeat: 'short' };
    expect(validateAccept(form).password).toBe(
      'At least 12 characters; a few unrelated words make a good one.',
    );
    expect(validateAccept({ ...form, password: 'x'.repeat(257), repeat: 'x'.repeat(257) }).password).toBe(
      'At most 256 characters.',
    );
    expect(validateAccept({ ...form, password: 'a long passphrase', repeat: 'a long passphrase!' })).toEqual({
      repeat: 'The two passwords differ.',
    });
    expect(
      validateAccept({ token: ' ', name: ' ', password: 'a long passphrase', repeat: 'a long passphrase' }),
    ).toEqual({
      token: 'Paste the invitation token from your link.',
      name: 'Enter your name as colleagues will see it.',
    });
  });

  it('needs a name and a scope for an API key, and a day that has not passed in the zone', () => {
    expect(validateApiKey(emptyApiKeyForm(), NOW, 'Europe/Berlin')).toEqual({
      name: 'Name the key after what uses it, e.g. "ERP sync (Acme)".',
      scopes: 'Give the key at least one domain to read or write.',
    });
    const form = {
      ...emptyApiKeyForm(),
      name: 'ERP',
      scopes: { ...emptyApiKeyForm().scopes, kpi: 'READ' as const },
    };
    expect(validateApiKey({ ...form, expiresOn: '2026-03-10' }, NOW, 'Europe/Berlin')).toEqual({
      expiresOn: 'Choose today or a later day.',
    });
    expect(validateApiKey({ ...form, expiresOn: '2026-03-10' }, NOW, 'UTC')).toEqual({});
  });

  it('sends only the chosen scopes, and an expiry at the end of the chosen day in the zone', () => {
    const form = {
      name: ' ERP sync ',
      scopes: { ...emptyApiKeyForm().scopes, assets: 'READ' as const, fleet: 'READ_WRITE' as const },
      expiresOn: '2026-03-31',
    };
    expect(apiKeyInput(form, 'Europe/Berlin')).toEqual({
      name: 'ERP sync',
      scopes: [
        { domain: 'assets', access: 'READ' },
        { domain: 'fleet', access: 'READ_WRITE' },
      ],
      expiresAt: '2026-03-31T22:00:00.000Z',
    });
    expect(apiKeyInput({ ...form, expiresOn: '' }, 'UTC')).not.toHaveProperty('expiresAt');
  });

  it("turns the audit filter into the API's, whole local days with an exclusive end", () => {
    expect(
      auditFilterInput(
        {
          action: ' api_key.create ',
          entityType: '',
          actor: 'key:k1',
          fromDay: '2026-03-01',
          toDay: '2026-03-02',
        },
        'America/New_York',
      ),
    ).toEqual({
      action: 'api_key.create',
      actorApiKeyId: 'k1',
      from: '2026-03-01T05:00:00.000Z',
      to: '2026-03-03T05:00:00.000Z',
    });
    expect(
      auditFilterInput(
        { action: '', entityType: 'membership', actor: 'user:u1', fromDay: '', toDay: '' },
        'UTC',
      ),
    ).toEqual({
      entityType: 'membership',
      actorUserId: 'u1',
    });
    expect(
      validateAuditFilter({
        action: '',
        entityType: '',
        actor: '',
        fromDay: '2026-03-02',
        toDay: '2026-03-01',
      }),
    ).toEqual({
      toDay: 'The last day comes before the first.',
    });
  });
});
