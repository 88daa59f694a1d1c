module.exports = require('../ts-project')('domain');
