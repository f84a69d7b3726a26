import type { ApiError } from './graphql-client';

export function Loading({ label }: { label: string }) {
  return (
    <p className="status" role="status">
      {label}
    </p>
  );
}

export function ErrorMessage({ error, title }: { error: ApiError; title: string }) {
  return (
    <div className="error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{error.message}</p>
    </div>
  );
}
