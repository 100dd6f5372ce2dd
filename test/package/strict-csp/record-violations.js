// Runs first in the strict-CSP fixture page (page.html): records every Content-Security-Policy violation the
// page reports, for the test to read as window.cspViolations. Heard on the window in the capture phase, so that
// nothing escapes: violations of elements in shadow roots (the event is composed) and of the page as a whole.
window.cspViolations = [];
window.addEventListener(
  'securitypolicyviolation',
  (event) => {
    const target =
      event.target instanceof Element
        ? `${event.target.localName}${event.target.id ? `#${event.target.id}` : ''}`
        : String(event.target);
    window.cspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      target,
    });
  },
  true,
);
