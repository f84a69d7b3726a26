// Plain JavaScript like the plugin it tests, which Vite loads in Node.
import { describe, expect, it } from 'vitest';
import { inlineDocuments } from './inline-graphql-documents.mjs';

describe('inlineDocuments', () => {
  it('replaces each graphql() call with an import of the document it names', () => {
    const code = [
      "import { graphql } from '../../gql';",
      'export const a = graphql(`\n  query Gateways($first: Int) {\n    gateways { totalCount }\n  }\n`);',
      'export const b = graphql(`subscription GatewayTwinChanged { gatewayTwinChanged { at } }`);',
      'export const c = graphql(`\n  fragment KpiFields on KpiBucket { oee }\n`);',
    ].join('\n');
    const inlined = inlineDocuments(code, '/src/gql/graphql.ts');
    expect(inlined?.split('\n')[0]).toBe(
      'import { GatewaysDocument as __document_GatewaysDocument, GatewayTwinChangedDocument as ' +
        '__document_GatewayTwinChangedDocument, KpiFieldsFragmentDoc as __document_KpiFieldsFragmentDoc } ' +
        'from "/src/gql/graphql.ts";',
    );
    expect(inlined).toContain('export const a = __document_GatewaysDocument;');
    expect(inlined).toContain('export const b = __document_GatewayTwinChangedDocument;');
    expect(inlined).toContain('export const c = __document_KpiFieldsFragmentDoc;');
    expect(inlined).not.toContain('graphql(`');
  });

  it('leaves a module without documents alone', () => {
    expect(inlineDocuments("export const graphqlUrl = '/graphql';", '/gql.ts')).toBeNull();
  });
});
