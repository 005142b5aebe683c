// The interactive part of `sag init`: asked only on a terminal and without --yes; each answer has a default.
import { createInterface } from 'node:readline/promises';
import { DEFAULT_TEMPLATE, isTemplateName, TEMPLATE_NAMES, TEMPLATE_SUMMARIES, type TemplateName, workerNameProblem } from './templates';

/** Ctrl+C or Ctrl+D at a question: the user stopped `sag init`, before anything was written. */
export class InitCancelled extends Error {}

export interface InitAnswers {
  template: TemplateName;
  name: string;
}

export async function askInitQuestions(defaults: { template?: TemplateName; name: string }, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<InitAnswers> {
  const rl = createInterface({ input, output });
  try {
    let template = defaults.template;
    if (!template) {
      output.write('Templates:\n');
      TEMPLATE_NAMES.forEach((t, i) => output.write(`  ${i + 1}. ${t.padEnd(18)} ${TEMPLATE_SUMMARIES[t]}\n`));
      while (!template) {
        const answer = (await rl.question(`Template [${DEFAULT_TEMPLATE}]: `)).trim();
        const byNumber = TEMPLATE_NAMES[Number(answer) - 1];
        if (answer === '') template = DEFAULT_TEMPLATE;
        else if (byNumber) template = byNumber;
        else if (isTemplateName(answer)) template = answer;
        else output.write(`  \`${answer}\` is not a template; type a number 1-${TEMPLATE_NAMES.length} or a name\n`);
      }
    }
    let name: string | undefined;
    while (name === undefined) {
      const answer = (await rl.question(`Worker name [${defaults.name}]: `)).trim() || defaults.name;
      const problem = workerNameProblem(answer);
      if (problem) output.write(`  ${problem}\n`);
      else name = answer;
    }
    return { template, name };
  } catch (error) {
    // readline answers Ctrl+C and Ctrl+D with an AbortError: a choice, not a failure to report with a stack.
    if ((error as { name?: unknown })?.name === 'AbortError') throw new InitCancelled();
    throw error;
  } finally {
    rl.close();
  }
}
