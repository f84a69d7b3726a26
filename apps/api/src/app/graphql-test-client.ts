// For specs: GraphQL over real HTTP against a listening API, and sign-in for an access token.
export interface GraphqlResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

export interface GraphqlTestClient {
  gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
}

// `url` is read at call time, so a spec can create the client before its server listens.
export function graphqlTestClient(url: () => string): GraphqlTestClient {
  async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse<T>;
  }
  async function login(email: string, password = 'secret-password') {
    const result = await gql<{ login: { accessToken: string } }>(
      `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      { email, password },
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.login.accessToken;
  }
  return { gql, login };
}
