import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ILocalBundling } from 'aws-cdk-lib';

// The hook's folder has no dependencies, so it needs no bundler: each source file is transpiled
// to CommonJS next to the others. This runs in-process at synth time (no Docker, no network).
export function transpileFolder(sourceDir: string): ILocalBundling {
  return {
    tryBundle(outputDir: string): boolean {
      for (const file of readdirSync(sourceDir)) {
        if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
        const source = ts.sys.readFile(join(sourceDir, file)) ?? '';
        const { outputText } = ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
          fileName: file,
        });
        writeFileSync(join(outputDir, file.replace(/\.ts$/, '.js')), outputText);
      }
      return true;
    },
  };
}
