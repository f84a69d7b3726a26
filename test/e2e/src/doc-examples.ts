// The runnable examples of a Markdown document: every ```sh and ```js block, with the line it
// starts on so a failure points at the doc.
export interface DocExample {
  language: 'sh' | 'js';
  line: number;
  code: string;
}

export function docExamples(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const match of markdown.matchAll(/^```(sh|js)\n([\s\S]*?)^```$/gm)) {
    const before = markdown.slice(0, match.index);
    examples.push({
      language: match[1] as DocExample['language'],
      line: before.split('\n').length,
      code: match[2] ?? '',
    });
  }
  return examples;
}

// The JSON objects a shell example printed, one after the other (curl adds no newline between
// answers); text between them (an echoed key) is skipped.
export function jsonAnswers(output: string): unknown[] {
  const answers: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < output.length; i++) {
    const c = output[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) answers.push(JSON.parse(output.slice(start, i + 1)));
    }
  }
  return answers;
}
