// Validates CloudFormation/SAM templates offline with @aws/cloudformation-validate (pinned in package-lock.json).
// Usage: node validate-template.js TEMPLATE...   Prints every finding; exits 1 when any is ERROR or FATAL.
'use strict';
const { RegoEngine, TemplateFile } = require('@aws/cloudformation-validate');

const engine = new RegoEngine();
let failed = false;
try {
  for (const path of process.argv.slice(2)) {
    const report = engine.validateStandard(new TemplateFile(path), { severityLevel: 'WARN' });
    for (const d of report.diagnostics) {
      const where = [d.entity && d.entity.logicalId, d.propertyPath].filter(Boolean).join(' ') + (d.startLine ? ` (line ${d.startLine})` : '');
      console.log(`${path}: [${d.severity}] ${d.ruleId} ${where}: ${d.message}`);
      if (d.severity === 'ERROR' || d.severity === 'FATAL') {
        failed = true;
      }
    }
  }
} finally {
  engine.free();
}
process.exit(failed ? 1 : 0);
