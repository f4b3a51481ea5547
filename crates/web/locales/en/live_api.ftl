# Live participation: the JSON API’s own refusals.
live-api-error-grouping = No grouping has this short name (“grouping”).
live-api-error-json = The request body is not valid JSON.
live-api-error-fields = The request body lacks the expected fields, or a value has the wrong type. See /api/v1/openapi.json.
live-api-error-too-many-answers = Too many answers and votes from this device in a minute. Wait a little before trying again.
