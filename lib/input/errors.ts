/** Bad input: the message is one line, "FILE:LINE: what is wrong" (or "FILE: what is wrong" without a line). */
export class InputError extends Error {
  readonly file: string;
  readonly line?: number;
  /** What is wrong, without the location. */
  readonly problem: string;

  constructor(file: string, line: number | undefined, problem: string, options?: { cause?: unknown }) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${problem}`, options);
    this.name = "InputError";
    this.file = file;
    this.problem = problem;
    if (line !== undefined) this.line = line;
  }
}
