// Types for every GraphQL document in the portal, from the API's committed schema.
// Run: npx nx run portal:codegen (the output in src/gql is committed and checked for drift).
/** @type {import('@graphql-codegen/cli').CodegenConfig} */
module.exports = {
  overwrite: true,
  schema: 'apps/api/schema.graphql',
  documents: ['apps/portal/src/**/*.{ts,tsx}', '!apps/portal/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'apps/portal/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // Instants travel as ISO 8601 strings and are parsed where they are shown.
        scalars: { DateTime: 'string' },
        strictScalars: true,
        skipTypename: true,
      },
    },
  },
};
