/** Jest's default per-file progress reporter, listed by path so that Jest adds no summary of its own. */
module.exports = require('@jest/reporters').DefaultReporter;
