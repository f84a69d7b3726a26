import { graphql } from '../../gql';
import type {
  AssetKpisQuery,
  AssetsQuery,
  CreateProvisioningClaimMutation,
  KpiFieldsFragment,
} from '../../gql/graphql';

// Every document the portal sends. The types of their variables and results are generated from
// apps/api/schema.graphql (npx nx run portal:codegen) into src/gql.

// What the portal keeps of a session; the refresh token stays in its httpOnly cookie.
export const sessionFields = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    expiresAt
    role
    tenantName
    userName
  }
`);

export const signInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password, clientType: BROWSER) {
      ...SessionFields
    }
  }
`);

export const refreshSessionMutation = graphql(`
  mutation RefreshSession {
    refreshSession(clientType: BROWSER) {
      ...SessionFields
    }
  }
`);

export const signOutMutation = graphql(`
  mutation SignOut {
    logout
  }
`);

export const assetsQuery = graphql(`
  query Assets {
    assets(first: 100) {
      edges {
        node {
          id
          name
          kind
          parentId
          siteId
          timeZone
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

// The figures of one KPI bucket, wherever the portal shows one (a range, the current shift).
export const kpiFields = graphql(`
  fragment KpiFields on KpiBucket {
    bucketStart
    bucketEnd
    shiftName
    availability
    effectiveness
    quality
    oee
    idealProductionMs
    idealGoodMs
    plannedBusyTimeMs
    runTimeMs
    setupTimeMs
    unplannedStopTimeMs
    unknownTimeMs
    producedQuantity
    scrapQuantity
    reworkQuantity
    final
  }
`);

// Aliased so every caller reads assetKpis whatever the bucket size.
export const assetKpisQuery = graphql(`
  query AssetKpis($assetId: ID!, $from: DateTime!, $to: DateTime!, $granularity: KpiGranularity!) {
    assetKpis: kpis(assetId: $assetId, from: $from, to: $to, granularity: $granularity) {
      ...KpiFields
    }
  }
`);

export const createProvisioningClaimMutation = graphql(`
  mutation CreateProvisioningClaim($input: CreateProvisioningClaimInput!) {
    createProvisioningClaim(input: $input) {
      id
      siteId
      token
      qrPayload
      expiresAt
      expectedSerial
    }
  }
`);

export type Asset = AssetsQuery['assets']['edges'][number]['node'];
export type AssetKind = Asset['kind'];
export type { AssetKpisQuery };
export type KpiBucket = KpiFieldsFragment;
export type ProvisioningClaim = CreateProvisioningClaimMutation['createProvisioningClaim'];
