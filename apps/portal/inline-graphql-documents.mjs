// Production builds replace each graphql(`…`) call with the one document it names, imported from
// the generated src/gql/graphql.ts, as the client preset's Babel plugin would (the React plugin
// compiles without Babel). The preset's graphql() keeps every document of the app in one map —
// its source text as the key and its syntax tree as the value — so every screen's documents would
// load with the first page; imported one by one, each screen's documents come with its chunk.
// Tests and the dev server keep the map: same documents, no build step.

const CALL =
  /\bgraphql\(\s*`\s*(query|mutation|subscription|fragment)\s+([A-Za-z_][A-Za-z0-9_]*)[^`]*`\s*\)/g;

// The generated constant of a document: GatewaysDocument, SessionFieldsFragmentDoc.
function documentConstant(kind, name) {
  return kind === 'fragment' ? `${name}FragmentDoc` : `${name}Document`;
}

export function inlineDocuments(code, documentsModule) {
  const used = new Set();
  const replaced = code.replace(CALL, (_call, kind, name) => {
    const constant = documentConstant(kind, name);
    used.add(constant);
    return `__document_${constant}`;
  });
  if (used.size === 0) return null;
  const names = [...used].map((constant) => `${constant} as __document_${constant}`).join(', ');
  return `import { ${names} } from ${JSON.stringify(documentsModule)};\n${replaced}`;
}

export function inlineGraphqlDocuments(documentsModule) {
  return {
    name: 'inline-graphql-documents',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.includes('/src/gql/') || !code.includes('graphql(`')) return null;
      const inlined = inlineDocuments(code, documentsModule);
      return inlined === null ? null : { code: inlined, map: null };
    },
  };
}
