// Answers kept with an object that never changes once made: a text's LineIndex or parse, an alias map, an ignore
// list. A quick fix or a message is built per finding, and thousands of findings would otherwise each work out the
// same answer from the whole object again (a file's indentation, its tree, a suggestion index).

const answersByObject = new WeakMap<object, Map<string, unknown>>();

/** `answer()` the first time `question` is asked about `about`, the kept value after that. */
export function askOnce<T>(about: object, question: string, answer: () => T): T {
  let answers = answersByObject.get(about);
  if (!answers) answersByObject.set(about, (answers = new Map()));
  if (answers.has(question)) return answers.get(question) as T;
  const value = answer();
  answers.set(question, value);
  return value;
}
