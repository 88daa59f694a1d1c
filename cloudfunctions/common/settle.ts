/**
 * A promise started now whose outcome is wanted later: its refusal is kept (not reported as unhandled, not lost)
 * until the returned function is called, which answers the value or throws the refusal.
 */
export function settle<T>(p: Promise<T>): () => Promise<T> {
  const done = p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
  return async () => {
    const r = await done;
    if (!r.ok) throw r.error;
    return r.value;
  };
}
