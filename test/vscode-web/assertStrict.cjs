// `node:assert/strict` in the web worker suite: the `assert` package's strict mode (the same API as Node's).
module.exports = require('assert').strict;
