// Counts passed and failed tests for the one summary line `npm test` prints at the end.
// Used as a node:test reporter (default export) and as a Web Test Runner reporter (`wtrCountReporter`).
import { writeFileSync } from 'node:fs';

function save(file, counts) {
  if (file) writeFileSync(file, JSON.stringify(counts));
}

export default async function* nodeCountReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else counts.failed += 1;
  }
  save(process.env.NANO_MEET_NODE_COUNTS, counts);
}

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

export function wtrCountReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.fileErrors += 1;
      }
      save(process.env.NANO_MEET_BROWSER_COUNTS, counts);
    },
  };
}
