// Loaded first by every page the engine runner opens (classic WebDriver has no console
// API): records uncaught errors, unhandled rejections, failed resource loads, CSP
// violations and console.error calls in window.__errors.
(function () {
  var errors = (window.__errors = []);
  addEventListener("error", function (e) {
    if (e.target && e.target !== window && (e.target.src || e.target.href)) errors.push("failed to load " + (e.target.src || e.target.href));
    else errors.push("error: " + ((e.error && e.error.stack) || e.message));
  }, true);
  addEventListener("unhandledrejection", function (e) {
    errors.push("unhandled rejection: " + ((e.reason && e.reason.stack) || e.reason));
  });
  addEventListener("securitypolicyviolation", function (e) {
    errors.push("CSP violation: " + e.violatedDirective + " blocked " + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    errors.push("console.error: " + Array.prototype.map.call(arguments, String).join(" "));
    return original.apply(this, arguments);
  };
})();
