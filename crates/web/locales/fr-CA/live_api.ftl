# Live participation: the JSON API’s own refusals.
live-api-error-grouping = Aucun regroupement ne porte ce nom court (« grouping »).
live-api-error-json = Le corps de la requête n’est pas du JSON valide.
live-api-error-fields = Le corps de la requête n’a pas les champs attendus, ou une valeur n’est pas du bon type. Consultez /api/v1/openapi.json.
live-api-error-too-many-answers = Trop de réponses et de votes depuis cet appareil en une minute. Attendez un peu avant de réessayer.
