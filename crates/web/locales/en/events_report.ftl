## events_report — the report of an event

report-title = Report
report-kicker = Activity report
report-generated-on = Report generated on { $date } from registrations, attendance, teams and evaluations.
report-manage = Manage the event
report-download-html = Download (HTML)
report-download-pdf = Download (PDF)
report-print-hint = To print it, use the browser’s print: the page lays out on A4.
report-back = Back to the report

report-section-origine = Origin and intentions
report-section-seances = The meetings
report-section-presences = The organizations present
report-section-chiffres = In numbers
report-section-equipes = Teams and the mosaic
report-section-observations = Through the facilitators’ eyes
report-section-evaluation = What your evaluations tell us
report-section-suites = Next steps

report-edited = edited text
report-to-write = This section is yet to be written.
report-edit-section = Edit this section
report-edit-label = Text of the section “{ $title }”
report-edit-hint = A blank line separates paragraphs; “- ” at the start of a line makes a list item, “1. ” a numbered list, “## ” a subheading. Tables and charts stay generated from the data.
report-save = Save the section
report-reset = Back to the generated text
report-edited-on = Edited on { $date }.

report-col-date = Date
report-col-times = Times
report-col-place = Place
report-col-people = People
report-col-organizations = Organizations
report-grid-caption = Attendance by organization and meeting (x: present)
report-grid-names = Organizations that took part in this action
report-grid-total = Organizations present
report-first-time = first time
report-num-people = { $count ->
    [one] person present
   *[other] people present
}
report-num-organizations = { $count ->
    [one] distinct organization
   *[other] distinct organizations
}
report-num-sectors = { $count ->
    [one] sector represented
   *[other] sectors represented
}
report-num-first-timers = { $count ->
    [one] organization present for the first time
   *[other] organizations present for the first time
}
report-num-every-session = { $count ->
    [one] organization present at every meeting
   *[other] organizations present at every meeting
}
report-first-timers = Organizations present for the first time
report-every-session = Organizations present at every meeting
report-sector-chart = Organizations present by sector
report-no-attendance-yet = No attendance recorded yet.
report-no-sector = Sector not given
report-facilitator = Facilitator: { $name }
report-team-size = Members: { $count }
report-team-sectors = Sectors: { $count }
report-loose-stickies = Stickies of no team
report-new-contacts-total = New contacts observed in all: { $count }
report-new-contacts = New contacts observed: { $count }
report-answered = Answers: { $count }
report-mean = mean: { $mean } out of 5
report-no-answers = No answer yet.

report-pdf-unavailable = PDF unavailable
report-pdf-no-chromium = Making the PDF needs Chromium on the server, and it is not installed (apt-get install chromium, or the MAILLAGE_CHROMIUM variable). You can download the report as HTML and print it to PDF from your browser.
report-pdf-failed = Chromium failed to make the PDF or took more than 60 seconds. Try again in a moment, or download the report as HTML and print it to PDF from your browser.

flash-report-saved = The section was saved. The other sections do not change.
flash-report-reset = The section shows the generated text again.
flash-report-empty = The section’s text is empty: nothing was saved. To go back to the generated text, use “Back to the generated text”.
flash-report-too-long = The section’s text is longer than 20,000 characters: nothing was saved.

## Generated texts

report-text-origin = “{ $title }” is an action of the grouping { $grouping }.
report-text-origin-alone = “{ $title }” is an intersectoral action.
report-text-audience = It was meant for: { $audience }.
report-text-intentions = This action had { $count } intentions:
report-text-intentions-one = This action had one intention:
report-text-no-sessions = No meeting is on the calendar yet.
report-text-sessions = The action took place over { $count } meetings:
report-text-sessions-one = The action took place in one meeting:
report-text-no-attendance = No attendance has been recorded yet.
report-text-attendance = Organizations present at one meeting at least: { $organizations }.
report-text-attendance-every = { $count } of them were present at every meeting.
report-text-attendance-every-one = One of them was present at every meeting.
report-text-numbers = People present: { $people }; distinct organizations: { $organizations }; sectors represented: { $sectors }.
report-text-numbers-organizations = Distinct organizations: { $organizations }; sectors represented: { $sectors }.
report-text-registered = { $count } people had registered.
report-text-registered-one = One person had registered.
report-text-per-session = { $date } — people: { $people }; organizations: { $organizations }
report-text-first-timers = { $count } organizations took part in an activity of the grouping for the first time.
report-text-first-timers-one = One organization took part in an activity of the grouping for the first time.
report-text-every-session = { $count } organizations were present at every meeting.
report-text-every-session-one = One organization was present at every meeting.
report-text-no-teams = No team was formed and no sticky was posted at this event.
report-text-teams = Participants worked in { $count } teams.
report-text-teams-one = Participants worked as a single team.
report-text-mosaic = The mosaic, the teams’ collective work, gathers { $count } stickies.
report-text-mosaic-one = The mosaic gathers one sticky.
report-text-no-observations = The facilitators noted no observation.
report-text-observations = The facilitators noted { $count } observations.
report-text-observations-one = The facilitators noted one observation.
report-text-new-contacts = They witnessed { $count } new contacts.
report-text-new-contacts-one = They witnessed one new contact.
report-text-no-evaluation = No evaluation has been filled in yet.
report-text-evaluation = { $count } people filled in the evaluation.
report-text-evaluation-one = One person filled in the evaluation.
report-text-scale = { $prompt }: { $mean } out of 5 on average ({ $count } answers).
report-text-scale-one = { $prompt }: { $mean } out of 5 (one answer).
report-text-choice = { $prompt }: “{ $top }” most often ({ $count } answers).
report-text-choice-one = { $prompt }: “{ $top }” (one answer).
report-text-free = { $prompt }: { $count } written answers.
report-text-free-one = { $prompt }: one written answer.
report-text-topics = Your favourite topics for the next meeting:
report-text-topic = { $topic } ({ $count } mentions)
report-text-topic-one = { $topic } (one mention)
report-text-next-steps = What you would like next:
