## events_teams — teams, canvas, observations, mosaic, evaluation

teams-nav-manage = Event management
teams-nav-label = Running the event
teams-title = Teams
teams-intro = Split registrants into teams (tables), by hand or automatically mixing sectors, and name a facilitator for each table.
teams-count = { $count ->
    [one] { $count } team
   *[other] { $count } teams
}
teams-people = { $count ->
    [one] { $count } confirmed registrant
   *[other] { $count } confirmed registrants
}
teams-unassigned = { $count } without a team
teams-auto-title = Split automatically
teams-auto-help = Each table gets as many different sectors as possible and balanced sizes. Existing assignments are replaced; team names and facilitators are kept.
teams-auto-count = Number of teams
teams-auto-submit = Split automatically
teams-empty = No team yet.
teams-sectors-help = Number of different sectors at this table
teams-sectors = { $count ->
    [one] { $count } sector
   *[other] { $count } sectors
}
teams-facilitator = Facilitator
teams-no-members = Nobody at this table.
teams-up = Move up
teams-down = Move down
teams-edit = Rename, facilitator
teams-name = Team name
teams-delete = Delete the team
teams-new = New team
teams-add = Add
teams-people-title = Registrants
teams-no-people = No confirmed registration.
teams-person = Person
teams-organization = Organization
teams-sector = Sector
teams-team = Team
teams-no-team = No team
teams-assign = Assign
teams-default-name = Table { $number }
flash-teams-error-name = Give the team a name.
flash-teams-saved = Team saved.
flash-teams-deleted = Team deleted; its members now have no team.
flash-teams-error-count = The number of teams must be a whole number from 1 to 100.
flash-teams-split = Registrants were split mixing sectors.
flash-teams-error-person = This person is not registered for this event.
flash-teams-error-team = This team does not exist in this event.
flash-teams-assigned = Assignment saved.
flash-teams-error-not-confirmed = Only confirmed registrations can be put in a team (not the waiting list nor cancellations).

canvas-title = Reflection canvas
canvas-intro = The questions participants fill in online before or during the event, from their personal page. Their answers are visible to their team and to the grouping.
canvas-preset = Use the canvas “Regard sur les pratiques”
canvas-empty = No question yet.
canvas-answer-count = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}
canvas-edit = Edit
canvas-prompt = Question
canvas-delete = Delete
canvas-new = New question
canvas-add = Add the question
canvas-how-participants = Each registrant answers from the personal link received when registering.
canvas-answers-title = Canvas answers
canvas-answers-total = { $count ->
    [one] { $count } answer in all
   *[other] { $count } answers in all
}
canvas-no-answers = No answer yet.
canvas-on-behalf-badge = on behalf of the organization
flash-canvas-error-prompt = Write the question (2,000 characters at most).
flash-canvas-saved = Canvas saved.
flash-canvas-preset-added = The five questions of the canvas “Regard sur les pratiques” were added.
flash-canvas-deleted = Question deleted, with its answers.

mypage-title = My participation
mypage-hello = Hello { $name }
mypage-intro = Your personal page for this event: your team, your reflection canvas and the evaluation. Keep this link to yourself: it identifies you.
mypage-team = My team
mypage-no-team = Teams are not formed yet.
mypage-no-canvas = There is no canvas to fill in for this event.
mypage-canvas-help = Your answers are saved in your name and visible to your team and to the coordinators. You may change them until the event.
mypage-on-behalf = I answer on behalf of my organization ({ $organization })
mypage-save = Save my answers
mypage-team-answers = My team’s answers
mypage-evaluation-help = After the event, tell us what you thought: it is anonymous.
mypage-evaluation-link = Fill in the evaluation
mypage-status-confirmed = Registration confirmed
mypage-status-waitlist = On the waiting list
mypage-status-cancelled = Registration cancelled
flash-mypage-error-cancelled = Your registration is cancelled: the canvas can no longer be changed.
flash-mypage-error-question = The canvas changed meanwhile: reload the page and try again.
flash-mypage-error-too-long = An answer is longer than 10,000 characters: shorten it.
flash-mypage-saved = Your answers are saved.

observations-title = Observations
observations-intro = What facilitators saw at their table: links made, referrals, ideas that emerged.
observations-new = New observation
observations-general = General (all tables)
observations-text = Observation
observations-count = Number of new contacts observed
observations-count-help = Optional: a whole number, 0 or more.
observations-add = Add the observation
observations-list = Observations noted
observations-total = { $count ->
    [one] { $count } new contact observed in all
   *[other] { $count } new contacts observed in all
}
observations-empty = No observation yet.
observations-contacts = { $count ->
    [one] { $count } new contact
   *[other] { $count } new contacts
}
observations-delete = Delete
observations-error-text = Write the observation (10,000 characters at most).
observations-error-count = The number of new contacts observed must be a whole number from 0 to 10,000 (for example 4), or stay empty.
observations-error-team = This team does not exist in this event.
flash-observations-saved = Observation saved.
flash-observations-deleted = Observation deleted.

mosaic-title = Mosaic
mosaic-intro = The collective work of the giant sticky notes: type each team’s stickies, one per line.
mosaic-new = Add stickies
mosaic-general = No team
mosaic-lines = Stickies (one per line)
mosaic-lines-help = Each non-empty line becomes a sticky.
mosaic-add = Add to the mosaic
mosaic-wall = The mosaic ({ $count ->
    [one] { $count } sticky
   *[other] { $count } stickies
})
mosaic-empty = The mosaic is empty.
mosaic-delete = Remove the sticky
flash-mosaic-error-empty = Type at least one sticky (one per line).
flash-mosaic-error-too-long = A sticky is longer than 500 characters, or there are more than 200 at once.
flash-mosaic-error-team = This team does not exist in this event.
flash-mosaic-saved = Stickies added to the mosaic.
flash-mosaic-deleted = Sticky removed.

evaluation-title = Evaluation
evaluation-results-title = Evaluation results
evaluation-intro = Build the event’s evaluation survey. Answers are anonymous.
evaluation-kind-single = Single choice
evaluation-kind-multiple = Multiple choice
evaluation-kind-scale = Scale from 1 to 5
evaluation-kind-text = Free text
evaluation-error-prompt = Write the question (2,000 characters at most).
evaluation-error-kind = Choose a question type from the list.
evaluation-error-options = A choice question needs at least two choices, one per line.
evaluation-error-not-an-option = Choose among the choices offered.
evaluation-error-one-choice = Only one choice is allowed for this question.
evaluation-error-scale = Choose a value from 1 to 5.
evaluation-error-too-long = Your answer is longer than 5,000 characters: shorten it.
evaluation-links = Answer links
evaluation-public-link = General link (for people who did not register):
evaluation-personal-links = Each registrant also has a personal link from their page: one answer per personal link.
evaluation-responses = { $count ->
    [one] { $count } response
   *[other] { $count } responses
}
evaluation-preset = Add the standard questions (including “Votre sujet chouchou pour la prochaine rencontre”)
evaluation-empty = No question yet.
evaluation-edit = Edit
evaluation-kind = Type
evaluation-prompt = Question
evaluation-options = Choices (one per line)
evaluation-options-help = Required for choice questions; ignored for the scale and free text.
evaluation-delete = Delete
evaluation-new = New question
evaluation-add = Add the question
flash-evaluation-error-prompt = Write the question (2,000 characters at most).
flash-evaluation-error-options = A choice question needs at least two choices, one per line.
flash-evaluation-error-kind = Choose a question type from the list.
flash-evaluation-saved = Survey saved.
flash-evaluation-preset-added = The standard questions were added.
flash-evaluation-deleted = Question deleted, with its answers.
evaluation-answer-title = Event evaluation
evaluation-anonymous = Your answers are anonymous: your name is never attached to them. Every question is optional.
evaluation-once = This personal link allows a single response.
evaluation-error-fix = Some answers need fixing: see the messages below.
evaluation-scale-help = 1 = not at all, 5 = completely
evaluation-send = Send my evaluation
evaluation-already-answered = You already answered this evaluation with this personal link. Thank you!
evaluation-no-questions = The evaluation is not ready yet.
evaluation-error-empty = Answer at least one question before sending.
evaluation-thanks = Thank you! Your evaluation is saved.
evaluation-error-changed = The survey changed meanwhile: reload the page and try again.
evaluation-csv = Export as CSV
evaluation-csv-response = Response
evaluation-answered = { $count ->
    [one] { $count } answer to this question
   *[other] { $count } answers to this question
}
evaluation-mean = Mean: { $mean } / 5
evaluation-no-answers = No answer yet.
evaluation-choice = Choice
evaluation-count = Count
