// Runs dockerfile-utils' validator on each Dockerfile named, with every setting raised to error,
// and exits 1 when it reports anything. Used by the tests on every generated Dockerfile.
'use strict';
const fs = require('fs');
const { validate, ValidationSeverity } = require('dockerfile-utils');

const settings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

let problems = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const d of validate(text, settings)) {
    problems++;
    console.log(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  }
}
process.exit(problems > 0 ? 1 : 0);
