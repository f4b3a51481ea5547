## events_pages

evpages-list-title = Events
evpages-list-intro = The groupings’ gatherings: registration, check-in, attendance and reports.
evpages-none = No events yet.
evpages-none-short = None.
evpages-new = New event
evpages-new-title = New event
evpages-edit-title = Edit “{ $name }”
evpages-no-grouping = No grouping
evpages-grouping-feed = Events calendar (iCal)
evpages-first-date = First session
evpages-sessions = Sessions
evpages-status-draft = Draft
evpages-status-published = Published
evpages-status-done = Done

evpages-field-grouping = Grouping
evpages-field-title = Title
evpages-field-description = Description
evpages-field-intentions = Intentions
evpages-field-intentions-hint = One intention per line.
evpages-field-audience = Audience
evpages-field-capacity = Capacity
evpages-field-capacity-hint = Leave empty for no limit. Beyond it, registrations go to the waiting list.
evpages-field-status = Status
evpages-field-closes = Registration closes on
evpages-first-session = First session
evpages-field-date = Date
evpages-field-starts = Starts (HH:MM)
evpages-field-ends = Ends (HH:MM)
evpages-field-place = Place
evpages-field-address = Address

evpages-error-title = Give the event a title.
evpages-error-grouping = Choose a grouping you coordinate.
evpages-error-capacity = The capacity must be a positive whole number (or empty).
evpages-error-status = Choose a status: draft, published or done.
evpages-error-date = Invalid date; write it YYYY-MM-DD (for example 2018-05-08).
evpages-error-session-date = Give the session’s date.
evpages-error-time = Invalid time; write it HH:MM (for example 09:30).
evpages-error-time-order = The end time must come after the start time.
evpages-error-session-same-date = The event already has a session on that date; a date is one session.
evpages-error-stale = Someone else changed this event meanwhile; the form now shows the saved version. Redo your changes, then save.
evpages-error-name = Give your name.

evpages-session-new-title = Add a session
evpages-session-edit-title = Edit the session

evpages-add-calendar = Add to my calendar
evpages-manage = Manage the event
evpages-edit = Edit the event
evpages-intentions = Intentions
evpages-no-sessions = No sessions yet.
evpages-full = Full: new registrations go to the waiting list.
evpages-places-left =
    { $count ->
        [one] { $count } place left
       *[other] { $count } places left
    }
evpages-closes-on = Registration open until { $date }.
evpages-register = Registration
evpages-waitlist-notice = The event is full. You may join the waiting list: you will be offered a place if someone cancels.
evpages-reg-name = Name
evpages-reg-email = E-mail
evpages-reg-organization = Organization
evpages-reg-organization-hint = Start typing the name: pick your organization from the directory, or keep the name as typed (other).
evpages-reg-role = Role or profession
evpages-reg-needs = Dietary or accessibility needs
evpages-needs-short = Needs
evpages-register-submit = Register
evpages-register-waitlist = Join the waiting list
evpages-org-pick = Directory organizations
evpages-org-other = Other: “{ $name }” as typed
evpages-org-none = No directory organization matches; the name will be kept as typed (other).
evpages-refused-not-open = Registration is not open for this event.
evpages-refused-closed = Registration for this event is closed.
evpages-refused-duplicate = This e-mail address is already registered for this event.

evpages-registered-title = Registration received
evpages-registered-ok = Thank you { $name }, your registration is confirmed.
evpages-registered-waitlist = Thank you { $name }. The event is full: you are on the waiting list.
evpages-confirmation-box = Confirmation e-mail
evpages-confirmation-no-mail = No mail server is configured: the message is shown here and kept with your registration.
evpages-personal-title = Your personal link
evpages-personal-intro = Keep this link: it leads to the reflection canvas and the event’s evaluation.
evpages-mail-greeting = Hello { $name },
evpages-mail-confirmed = Your registration for “{ $event }” is confirmed.
evpages-mail-waitlisted = “{ $event }” is full: you are on the waiting list. We will write to you if a place opens up.
evpages-mail-promoted = A place opened up: your registration for “{ $event }” is now confirmed.
evpages-mail-sessions = Sessions:
evpages-mail-link = Your personal link (reflection canvas, evaluation): { $link }
evpages-mail-signature = See you there!

evpages-manage-title = Managing: { $name }
evpages-public-page = Public page
evpages-tools = Event tools
evpages-link-attendance = Attendance
evpages-link-import = Import an attendance grid
evpages-link-teams = Teams
evpages-link-observations = Facilitators’ observations
evpages-link-mosaic = Mosaic
evpages-link-canvas = Reflection canvas
evpages-link-evaluation = Evaluation
evpages-link-report = Report
evpages-times = Times
evpages-actions = Actions
evpages-checkin = Check-in
evpages-edit-session = Edit
evpages-delete-session = Delete
evpages-add-session = Add a session
evpages-registrants = Registrants
evpages-count-confirmed = Confirmed
evpages-count-waitlist = Waiting list
evpages-count-cancelled = Cancelled
evpages-no-registrants = Nobody has registered yet.
evpages-other = other
evpages-reg-confirmed = Confirmed
evpages-reg-waitlist = Waiting list
evpages-reg-cancelled = Cancelled
evpages-cancel-registration = Cancel registration
evpages-promoted = { $name } leaves the waiting list: their place is confirmed.

evpages-checkin-title = Check-in
evpages-count-present = { $count ->
    [one] person present
   *[other] people present
}
evpages-count-expected = { $count ->
    [one] confirmed registrant
   *[other] confirmed registrants
}
evpages-count-organizations = { $count ->
    [one] organization
   *[other] organizations
}
evpages-count-people = people
evpages-checkin-search = Search a person or an organization
evpages-checkin-find = Search
evpages-checkin-filtered = Filtered list.
evpages-checkin-show-all = Show all
evpages-checkin-none = Nobody matches.
evpages-is-present = Present ✓
evpages-mark-present = Present
evpages-undo-checkin = Undo
evpages-walk-in = Walk-ins
evpages-walk-in-add = Add as present
evpages-walk-in-remove = Remove

evpages-attendance-title = Attendance
evpages-attendance-intro = The organizations present at “{ $name }”, session by session.
evpages-counts-title = In numbers
evpages-distinct-organizations = Distinct organizations
evpages-grid-title = Organizations present
evpages-grid-organizations = Organizations that took part
evpages-grid-sector = Sector
evpages-first-time = first time
evpages-every-session = Present at every session
evpages-first-timers = New organizations
evpages-first-timers-hint = Organizations no earlier event of the grouping had seen.
evpages-sector-chart = Organizations by sector
evpages-no-attendance = No attendance yet.

flash-evpages-event-saved = The event was saved.
flash-evpages-session-saved = The session was saved.
flash-evpages-session-deleted = The session was deleted.
flash-evpages-registration-cancelled = The registration was cancelled.
flash-evpages-checked-in = Checked in.
flash-evpages-checkin-undone = Check-in undone.
flash-evpages-error-cancelled = This registration is cancelled; add the person as a walk-in.
flash-evpages-error-walk-in-name = Give the person’s name.
flash-evpages-walk-in-added = Person added as present.
flash-evpages-walk-in-unmatched = Person added; their organization is not in the directory and is kept with their name.
flash-evpages-walk-in-removed = Person removed.

# Confirmation e-mail over SMTP
evpages-confirmation-mailed = This message is also sent to you by e-mail. It stays shown here and kept with your registration.
evpages-mail-subject = Registration confirmed: { $event }
evpages-mail-subject-waitlist = Waiting list: { $event }
evpages-mail-column = Confirmation e-mail
evpages-mail-status-sent = Sent on { $date }
evpages-mail-status-failed = Sending failed
evpages-mail-status-pending = Waiting to be sent
evpages-mail-status-off = Not configured (shown and stored only)
evpages-mail-resend = Resend the confirmation
flash-evpages-mail-resent = The confirmation was sent.
flash-evpages-error-mail-failed = The mail server refused the confirmation: the reason is shown in the list.
flash-evpages-error-mail-off = No mail server is configured: the confirmation cannot be sent.
flash-evpages-error-mail-cancelled = This registration is cancelled: no confirmation is sent.

# Check-in list: the first rows only
evpages-checkin-more = { $count ->
    [one] One more person matches: narrow the search, or
   *[other] { $count } more people match: narrow the search, or
}
