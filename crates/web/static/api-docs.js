// Starts the vendored Swagger UI on /api/docs with maillage's OpenAPI
// document. A file of its own, since the CSP allows no inline script.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec") || "/api/v1/openapi.json",
    domNode: root,
    // Deep links put a link inside each operation's toggle button (a
    // focusable element inside another, which screen readers mishandle).
    deepLinking: false,
    // The documentation reads; trying a request out stays possible, with
    // the session's cookie (same origin) or a bearer token.
    tryItOutEnabled: false,
    validatorUrl: null,
    withCredentials: true,
    defaultModelsExpandDepth: 0
  });
})();
