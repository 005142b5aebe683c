// jsonc-parser's error codes in words, for every JSON file the checker reads: api-config.json (strict JSON, what
// JSON.parse takes) and the JSONC ones (wrangler.json/.jsonc, .sagrc.json), where comments and trailing commas are
// fine and so never reported.
import { printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * `text` is given for strict JSON only: a missing value or property name right after a comma is then put down to
 * a trailing comma, and only then (`{"paths": }` has none to blame).
 */
export function describeJsonSyntaxError(e: ParseError, text?: string): string {
  const strict = text !== undefined;
  const trailingComma = strict && followsComma(text, e.offset) ? ' (a trailing comma is not allowed in JSON)' : '';
  switch (printParseErrorCode(e.error)) {
    case 'InvalidCommentToken':
      return strict ? 'comments are not allowed: the gateway loads api-config.json with JSON.parse' : 'malformed comment';
    case 'PropertyNameExpected':
      return `property name expected${trailingComma}`;
    case 'ValueExpected':
      // The test stops at the first character that is not white space: cheap for any file but an empty one.
      if (strict && /^\s*$/.test(text)) return 'the file is empty: the gateway reads one JSON object, with a `paths` array';
      return `value expected${trailingComma}`;
    case 'CommaExpected':
      return 'comma expected';
    case 'ColonExpected':
      return 'colon expected';
    case 'CloseBraceExpected':
      return 'closing brace `}` expected';
    case 'CloseBracketExpected':
      return 'closing bracket `]` expected';
    case 'EndOfFileExpected':
      return 'end of file expected: only one JSON value is allowed';
    case 'UnexpectedEndOfComment':
      return 'unterminated comment';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfNumber':
      return 'unterminated number';
    case 'InvalidUnicode':
      return 'invalid unicode escape sequence';
    case 'InvalidEscapeCharacter':
      return 'invalid escape character in string';
    case 'InvalidCharacter':
      return 'invalid character';
    case 'InvalidSymbol':
      return 'invalid symbol';
    case 'InvalidNumberFormat':
      return 'invalid number format';
    default:
      return 'invalid JSON';
  }
}

/** Whether the last character before `offset` that is not white space is a comma. */
function followsComma(text: string, offset: number): boolean {
  let i = Math.min(offset, text.length) - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return i >= 0 && text[i] === ',';
}
