## The registrant’s confirmation page
evreg-title-confirmed = Registration confirmed
evreg-title-waitlist = Registration on the waiting list
evreg-title-cancelled = Registration cancelled
evreg-cancelled = { $name }, this registration was cancelled.
evreg-summary = Your registration
evreg-event = Event
evreg-date = Date
evreg-session = Meeting { $n }
evreg-status = Status
evreg-status-confirmed = Confirmed
evreg-status-waitlist = Waiting list: you will be offered a place if one opens up.
evreg-status-cancelled = Cancelled
evreg-mailed = A confirmation e-mail is on its way to { $email }.
evreg-open-personal = Open my page
evreg-personal-address = Your page’s address
