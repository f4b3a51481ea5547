# Live participation: what a room leaves behind (exports, bilan, post-its → plan actions).
live-report-kind-word-cloud = Word cloud
live-report-kind-board = Post-it board
live-report-kind-poll = Poll
live-report-kind-scale = Scale
live-report-kind-questions = Questions
live-report-col-activity = Activity (position)
live-report-col-kind = Type
live-report-col-prompt = Prompt
live-report-col-column = Column
live-report-col-text = Text
live-report-col-choices = Choices
live-report-col-value = Value
live-report-col-votes = Votes
live-report-col-answered = Answered
live-report-col-hidden = Hidden
live-report-col-merged-into = Merged into
live-report-col-nickname = Nickname
live-report-col-team = Team
live-report-col-created-at = Date and time (ISO 8601)
live-report-yes = yes
live-report-no = no
live-report-cloud-label = { $count ->
    [0] Word cloud, no answers
    [one] Word cloud, { $count } answer
   *[other] Word cloud, { $count } answers
}
live-report-answers = { $count ->
    [0] No answers
    [one] { $count } answer
   *[other] { $count } answers
}
live-report-votes = { $count ->
    [0] no votes
    [one] { $count } vote
   *[other] { $count } votes
}
live-report-section = Live participation
live-report-room = Room “{ $title }”
live-report-cloud = Word cloud
live-report-col-option = Option
live-report-col-count = Answers
live-report-col-scale-value = Value
live-report-col-question = Question
live-report-col-votes-head = Votes
live-report-col-status = Status
live-report-answered = Answered
live-report-mean = Mean: { $mean }
live-report-no-answer = No answers.
live-report-mosaic-note = These post-its come from the board of a live participation room; they replace the ones typed in after the meeting.
live-report-stickies-title = From post-its to the action plan
live-report-stickies-intro = Each post-it of a board can become an action of the grouping’s action plan, under the strategy chosen. The post-it then links to its action, and the action recalls its post-it.
live-report-no-strategy = The grouping has no action plan with a strategy yet: create one to bring the post-its into it.
live-report-no-board = This room has no post-it board.
live-report-no-sticky = No post-its yet.
live-report-strategy = Action plan strategy
live-report-sticky-to-action = Make this post-it an action
live-report-sticky-action-link = See the plan action
live-report-error-strategy = Choose a strategy of an action plan of the room’s grouping.
live-report-flash-action = The post-it became a plan action.
live-report-origin = From a post-it of the room “{ $room }”
live-report-export-csv = Download the answers (CSV)
live-report-cloud-svg = Word cloud (SVG)
live-report-cloud-png = Word cloud (PNG)
