module.exports = require('../ts-project')('wire', { testTimeout: 60000 });
