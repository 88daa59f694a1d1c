// Each test installs its own fake fetch; never let one leak into the next.
afterEach(() => {
  delete global.fetch;
});
