import { authPayloadSchema, type AuthPayload } from './operations';

// sessionStorage, not localStorage: the token dies with the tab and is not shared between tabs
// signed in to different tenants.
const STORAGE_KEY = 'convergent.session';

export type Session = AuthPayload;

export function loadSession(storage: Storage = sessionStorage, now: Date = new Date()): Session | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = null;
  }
  const parsed = authPayloadSchema.safeParse(json);
  if (!parsed.success || Date.parse(parsed.data.expiresAt) <= now.getTime()) {
    storage.removeItem(STORAGE_KEY);
    return null;
  }
  return parsed.data;
}

export function saveSession(session: Session, storage: Storage = sessionStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}
