// The e2e test environment: node, plus a mark on the global when a test or hook fails, so that tests/e2e/setup.ts
// and stopE2E (browser.ts) can keep the screen, the console and the failed requests of that moment.
const { TestEnvironment } = require('jest-environment-node');

class E2EEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') {
      const name = event.test ? event.test.name : `${event.hook.type} hook`;
      const error = String((event.error && (event.error.stack || event.error.message)) || event.error);
      this.global.__E2E_FAILURE__ = { test: name, error };
    }
  }
}

module.exports = E2EEnvironment;
