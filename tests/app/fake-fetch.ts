/** A fake `fetch` for the H5 cloud service: routes by method + path, records every call. */
export interface FakeCall {
  url: string
  method: string
  credentials?: RequestCredentials
  body?: unknown
}

export type Route = (call: FakeCall) => unknown | Promise<unknown>

export interface FakeAnswer {
  status?: number
  json?: unknown
  /** Reject the fetch itself, like a dropped connection. */
  networkError?: boolean
}

export function answer(json: unknown, status = 200): FakeAnswer {
  return { status, json }
}

export function installFakeFetch(routes: Record<string, (call: FakeCall) => FakeAnswer | Promise<FakeAnswer>>) {
  const calls: FakeCall[] = []
  const fetchImpl = async (input: string, init: RequestInit = {}) => {
    const method = (init.method || 'GET').toUpperCase()
    let body: unknown
    if (typeof init.body === 'string') {
      try {
        body = JSON.parse(init.body)
      } catch {
        body = init.body
      }
    } else {
      body = init.body
    }
    const call: FakeCall = { url: input, method, credentials: init.credentials, body }
    calls.push(call)
    const key = `${method} ${input.split('?')[0]}`
    const route = routes[key]
    if (!route) throw new TypeError(`fake fetch: no route for ${key}`)
    const result = await route(call)
    if (result.networkError) throw new TypeError('Failed to fetch')
    const status = result.status ?? 200
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => {
        if (result.json === undefined) throw new SyntaxError('Unexpected end of JSON input')
        return result.json
      },
    }
  }
  ;(globalThis as unknown as { fetch: unknown }).fetch = jest.fn(fetchImpl)
  return calls
}
