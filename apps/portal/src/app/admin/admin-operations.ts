import { graphql } from '../../gql';
import type {
  ApiKeysQuery,
  AuditLogQuery,
  CreateApiKeyMutation,
  InviteUserMutation,
  UsersQuery,
} from '../../gql/graphql';

// The administration screens' documents (admins only; the API enforces it).

export const usersQuery = graphql(`
  query Users($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          userId
          name
          email
          role
          siteIds
          active
          memberSince
        }
      }
    }
  }
`);

export const inviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      id
      email
      role
      siteIds
      expiresAt
      token
    }
  }
`);

export const updateMembershipMutation = graphql(`
  mutation UpdateMembership($input: UpdateMembershipInput!) {
    updateMembership(input: $input) {
      userId
      role
      siteIds
      active
    }
  }
`);

export const deactivateUserMutation = graphql(`
  mutation DeactivateUser($userId: ID!) {
    deactivateUser(userId: $userId) {
      userId
      active
    }
  }
`);

export const acceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
    acceptInvitation(token: $token, name: $name, password: $password) {
      email
      tenantName
      tenantSlug
    }
  }
`);

export const apiKeysQuery = graphql(`
  query ApiKeys($first: Int!, $after: String) {
    apiKeys(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          prefix
          scopes {
            domain
            access
          }
          createdAt
          lastUsedAt
          expiresAt
          revokedAt
        }
      }
    }
  }
`);

export const createApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
        prefix
        expiresAt
      }
    }
  }
`);

export const revokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

export const auditLogQuery = graphql(`
  query AuditLog($filter: AuditLogFilterInput, $after: String, $first: Int!) {
    auditLog(filter: $filter, after: $after, first: $first) {
      edges {
        cursor
        node {
          id
          at
          action
          entityType
          entityId
          actorUserId
          actorApiKeyId
          before
          after
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export type Member = UsersQuery['users']['edges'][number]['node'];
export type Invitation = InviteUserMutation['inviteUser'];
export type ApiKey = ApiKeysQuery['apiKeys']['edges'][number]['node'];
export type CreatedApiKey = CreateApiKeyMutation['createApiKey'];
export type AuditEntry = AuditLogQuery['auditLog']['edges'][number]['node'];
