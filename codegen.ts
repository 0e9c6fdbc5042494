import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

/**
 * Generates, from server/schema.graphql, three typed `graphql()` functions and their documents:
 * client/src/gql/ for the operations written beside the web app's components, server/test/gql/
 * for the operations the server tests send, and examples/integration/src/gql/ for the integration example. Run `pnpm codegen`; `pnpm codegen:check` fails when
 * either committed output is stale.
 *
 * CODEGEN_OUT_DIR, CODEGEN_TEST_OUT_DIR and CODEGEN_EXAMPLE_OUT_DIR (used by the check) write the same files somewhere else.
 */
const out = (process.env.CODEGEN_OUT_DIR ?? 'client/src/gql').replace(/\/+$/, '');
const testsOut = (process.env.CODEGEN_TEST_OUT_DIR ?? 'server/test/gql').replace(/\/+$/, '');
const exampleOut = (process.env.CODEGEN_EXAMPLE_OUT_DIR ?? 'examples/integration/src/gql').replace(/\/+$/, '');

const scalarsAndEnums = {
  scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
  useTypeImports: true,
  enumsAsTypes: true,
};

const config: CodegenConfig = {
  overwrite: true,
  schema: 'server/schema.graphql',
  ignoreNoDocuments: false,
  // Imports with .js extensions, so the server's NodeNext tests can import the generated documents too.
  emitLegacyCommonJSImports: false,
  generates: {
    [`${out}/`]: {
      documents: ['client/src/**/*.tsx', 'client/src/**/*.ts', '!client/src/gql/**/*'],
      preset: 'client',
      presetConfig: {
        // Components unmask the fragments they declare; "use" would look like a React hook.
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
        // Trusted documents: persisted-documents.json maps each operation's hash to its text. The server
        // runs only these for web sessions; the client sends the hash (each document's __meta__.hash).
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      // graphcache adds __typename to every selection before sending; the stored documents carry it already,
      // so the stored text is what the app's cache relies on.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: scalarsAndEnums,
    },
    // Lets graphcache match fragments on unions and the Error interface exactly.
    [`${out}/introspection.ts`]: {
      plugins: ['urql-introspection'],
      config: { module: 'es2015', useTypeImports: true },
    },
    // The server tests' own operations; they assert on whole results, so no fragment masking.
    [`${testsOut}/`]: {
      documents: ['server/test/**/*.ts', '!server/test/gql/**/*'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: scalarsAndEnums,
    },
    // The integration example's operations, typed from the same schema an integrator downloads.
    [`${exampleOut}/`]: {
      documents: ['examples/integration/src/**/*.ts', '!examples/integration/src/gql/**/*'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: scalarsAndEnums,
    },
  },
};

export default config;
