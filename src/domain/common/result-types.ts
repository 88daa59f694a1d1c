/** A refused command: stable code for programs, Chinese message for people. */
export interface Refusal {
  ok: false;
  code: string;
  message: string;
}

export function refuse(code: string, message: string): Refusal {
  return { ok: false, code, message };
}
