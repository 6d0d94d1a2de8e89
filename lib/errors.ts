/**
 * Errors that reach the user as one line and exit code 2.
 *
 * Everything the CLI cannot lint (unreadable file, malformed JSON/YAML, a file that is not a template, an unknown
 * intrinsic, a reference to a missing resource, a dependency cycle, a bad config) is raised as an InputError; the CLI
 * prints `zonelint: <file>: <message>` and exits 2. Any other exception is a bug in zonelint.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(InputError.format(file, detail, line, column));
    this.name = 'InputError';
  }

  static format(file: string, detail: string, line?: number, column?: number): string {
    const where = line !== undefined ? `${file}:${line}${column !== undefined ? `:${column}` : ''}` : file;
    return `${where}: ${oneLine(detail)}`;
  }
}

/** Wrong command-line usage (unknown option value, missing argument): exit 2, one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'UsageError';
  }
}

/** Collapses a message onto one line so that an error never spans several lines of CI output. */
export function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 397)}...` : flat;
}
