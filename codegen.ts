import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates client/src/gql/ from server/schema.graphql and the operations written with
 * `graphql()` beside the components that use them. Run `pnpm codegen`; `pnpm codegen:check`
 * fails when the committed output is stale.
 *
 * CODEGEN_OUT_DIR (used by the check) writes the same files somewhere else instead.
 */
const out = (process.env.CODEGEN_OUT_DIR ?? 'client/src/gql').replace(/\/+$/, '');

const config: CodegenConfig = {
  overwrite: true,
  schema: 'server/schema.graphql',
  documents: ['client/src/**/*.tsx', 'client/src/**/*.ts', '!client/src/gql/**/*'],
  ignoreNoDocuments: false,
  // Imports with .js extensions, so the server's NodeNext tests can import the generated documents too.
  emitLegacyCommonJSImports: false,
  generates: {
    [`${out}/`]: {
      preset: 'client',
      presetConfig: {
        // Components unmask the fragments they declare; "use" would look like a React hook.
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        scalars: { DateTime: 'string' },
        useTypeImports: true,
        enumsAsTypes: true,
      },
    },
    // Lets graphcache match fragments on unions and the Error interface exactly.
    [`${out}/introspection.ts`]: {
      plugins: ['urql-introspection'],
      config: { module: 'es2015', useTypeImports: true },
    },
  },
};

export default config;
