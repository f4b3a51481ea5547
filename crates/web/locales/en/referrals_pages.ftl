# Referrals: the boxes, the form that sends one, the referral page, the service's capacity.
referrals-pages-title = Referrals
referrals-pages-new = Refer a person
referrals-pages-intro = Your organization’s referrals: those its services received and those it sent. Only the two organizations of a referral see it.
referrals-pages-unread = { $count ->
    [0] No unread notice
    [one] { $count } unread notice
   *[other] { $count } unread notices
}
referrals-pages-boxes = Referral boxes
referrals-pages-inbox = Received
referrals-pages-outbox = Sent
referrals-pages-filter-status = Status
referrals-pages-filter-any = Any status
referrals-pages-filter-service = Service
referrals-pages-filter-any-service = Any service
referrals-pages-filter-apply = Filter
referrals-pages-count = { $count ->
    [0] No referral
    [one] { $count } referral
   *[other] { $count } referrals
}
referrals-pages-inbox-empty = No received referral matches these filters.
referrals-pages-outbox-empty = No sent referral matches these filters. To refer a person, find the service in the directory.
referrals-pages-erased = Data erased
referrals-pages-new-notice = New
referrals-pages-from = from
referrals-pages-to = to
referrals-pages-route-from = From
referrals-pages-sent-on = Sent on { $date }
referrals-pages-no-organization = Your account is not tied to any organization: referrals are made on behalf of an organization. Ask your grouping’s coordination to tie your account to yours.
referrals-pages-no-role = Your account holds the member role in no grouping: it can neither send nor receive referrals.
referrals-pages-choose-service = First find, in the directory, the service to refer the person to, then “Refer a family”.
referrals-pages-to-directory = Find a service in the directory
referrals-pages-criteria = Eligibility criteria
referrals-pages-delay = Response time
referrals-pages-waiting-title = Waiting list
referrals-pages-asked = Information the service asks for
referrals-pages-grouping = Grouping to refer through
referrals-pages-person = The person
referrals-pages-person-hint = As little as possible: a first name or initials, a way to reach them, their language and age group are enough.
referrals-pages-first-name = First name or initials
referrals-pages-contact = Way to reach them
referrals-pages-contact-hint = A phone number or an e-mail address.
referrals-pages-language = Language
referrals-pages-age-group = Age group
referrals-pages-age-unknown = Not given
referrals-pages-request = The request
referrals-pages-reason = Reason
referrals-pages-urgency = Urgency
referrals-pages-note = Note
referrals-pages-note-hint = Seen only by the two organizations; erased with the person’s data.
referrals-pages-consent = Consent
referrals-pages-consent-box = The person (or their parent or guardian) consents to this information being sent to the service.
referrals-pages-consent-given-by = Consent given by
referrals-pages-consent-shared = What is shared
referrals-pages-consent-until = Valid until
referrals-pages-consent-on = Given on
referrals-pages-consent-shared-default = first name, way to reach them, language, age group, reason
referrals-pages-send = Send the referral
referrals-pages-referral = Referral
referrals-pages-referral-of = Referral of { $name }
referrals-pages-sent-at = Sent on { $date }
referrals-pages-due = Answer expected on { $date }
referrals-pages-redirected-from = This referral follows a redirection: see the original referral
referrals-pages-redirected-to = See the new referral
referrals-pages-person-erased = The personal data has been erased.
referrals-pages-person-erased-on = The personal data was erased on { $date }.
referrals-pages-history = History
referrals-pages-signed-by = By { $name }
referrals-pages-moves = Follow-up
referrals-pages-no-moves = No status change is up to your organization for now.
referrals-pages-decline-reason = Reason for declining
referrals-pages-obstacle = Obstacle
referrals-pages-redirect-to = Redirect to
referrals-pages-choose = Choose a service
referrals-pages-comment = Comment (optional)
referrals-pages-move-received = Acknowledge
referrals-pages-move-accepted = Accept
referrals-pages-move-declined = Decline
referrals-pages-move-redirected = Redirect
referrals-pages-move-withdrawn = Withdraw the referral
referrals-pages-move-started = The service has started
referrals-pages-move-completed = The service is completed
referrals-pages-move-no_follow_up = No follow-up
referrals-pages-move-closed = Close the referral
referrals-pages-capacity-title = Referrals to this service
referrals-pages-capacity-intro = What the service publishes for the organizations that refer people to it: shown in the directory, its search results and the referral form.
referrals-pages-capacity-accepts = The service takes referrals
referrals-pages-capacity-ack = Response time (days)
referrals-pages-capacity-ack-hint = 0 to 90 days; 5 when blank. A referral without an answer after this time shows as “Overdue”.
referrals-pages-capacity-waiting = Waiting list (weeks)
referrals-pages-capacity-waiting-hint = 0 to 104 weeks; blank when there is no waiting list.
referrals-pages-capacity-asked-hint = At most 5 more pieces of information, one per line (for example “School”). Nothing else is asked of the person.
referrals-pages-capacity-save = Save
referrals-pages-capacity-edit = Edit what the service publishes
referrals-pages-refer = Refer a family
referrals-pages-overdue-count = { $count ->
    [one] { $count } received referral overdue
   *[other] { $count } received referrals overdue
}
referrals-pages-open-boxes = Open the referrals
referrals-pages-ack-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
referrals-pages-waiting = Waiting list: { $count ->
    [one] { $count } week
   *[other] { $count } weeks
}
referrals-pages-no-waiting = No waiting list
referrals-pages-api-error-fields = A field is missing or has the wrong type: accepts_referrals (true or false), criteria (text), ack_days and waiting_weeks (whole numbers), asked_fields (a list of texts).
referrals-pages-api-error-json = The request body is not a valid JSON document.
referrals-pages-language-fr = French
referrals-pages-language-en = English
referrals-pages-language-es = Spanish
referrals-pages-language-ar = Arabic
referrals-pages-language-ht = Haitian Creole
referrals-pages-language-pt = Portuguese
referrals-pages-language-zh = Chinese
referrals-pages-language-fa = Persian
referrals-pages-language-ru = Russian
referrals-pages-language-uk = Ukrainian
flash-referrals-pages-sent = The referral is sent: the service is notified.
flash-referrals-pages-moved = The referral’s status is up to date: the other organization is notified.
flash-referrals-pages-capacity-saved = What the service publishes about referrals is saved.
referrals-pages-rights = The person’s rights
referrals-pages-export = Export their details (JSON), for an access request
referrals-pages-privacy = Privacy notice
referrals-pages-erase-hint = At the person’s request, their details (first name, contact, language, age group, note, comments) are erased at once, for both organizations; only the statistics remain. This cannot be undone.
referrals-pages-erase = Erase their details
