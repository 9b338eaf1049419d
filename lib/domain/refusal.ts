/**
 * The one refusal type: a rule said no, for a reason a person can act on. Its message is shown as
 * is (by the action wrapper, the API routes and the scripts); whatever transaction raised it is
 * rolled back, so nothing changed. `code` lets an API map it to a status; `fieldErrors` lets a form
 * show the message beside the field.
 */
export class Refusal extends Error {
  readonly code: string;
  readonly fieldErrors?: Record<string, string[]>;
  constructor(message: string, detail: { code?: string; fieldErrors?: Record<string, string[]> } = {}) {
    super(message);
    this.name = 'Refusal';
    this.code = detail.code ?? 'refused';
    this.fieldErrors = detail.fieldErrors;
  }
}
