# Referrals: the JSON API's own messages and the e-mail notices (no personal data in a notice).
referrals-api-error-json = The request body is not valid JSON.
referrals-api-error-fields = A field is missing or has the wrong type: see the API documentation (/api/v1/openapi.json).
referrals-api-error-box = The box is "inbox" (referrals received) or "outbox" (referrals sent).
referrals-api-error-overdue = The overdue filter is "true" or "false".
referrals-api-error-page = Pages start at 1 and per_page goes from 1 to 200.
referrals-api-mail-subject-new = New referral for "{ $service }"
referrals-api-mail-body-new =
    Hello,

    A new referral was sent to your organization’s service "{ $service }".

    To read it and acknowledge it, sign in to maillage: { $link }

    To protect privacy, this e-mail holds no information about the person.
referrals-api-mail-subject = Referral for "{ $service }": { $status }
referrals-api-mail-body =
    Hello,

    The referral to the service "{ $service }" has a new status: { $status }.

    To read it, sign in to maillage: { $link }

    To protect privacy, this e-mail holds no information about the person.
