// jsonc-parser's error codes in words, for every JSON file the checker reads: api-config.json (strict JSON, what
// JSON.parse takes) and the JSONC ones (wrangler.json/.jsonc, .sagrc.json), where comments and trailing commas are
// fine and so never reported.
import { printParseErrorCode, type ParseError } from 'jsonc-parser';

export function describeJsonSyntaxError(e: ParseError, strict: boolean): string {
  const trailingComma = strict ? ' (a trailing comma is not allowed in JSON)' : '';
  switch (printParseErrorCode(e.error)) {
    case 'InvalidCommentToken':
      return strict ? 'comments are not allowed: the gateway loads api-config.json with JSON.parse' : 'malformed comment';
    case 'PropertyNameExpected':
      return `property name expected${trailingComma}`;
    case 'ValueExpected':
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
