# Live participation: the coordinator's pages (rooms, activities, presenter, projector).
live-rooms-title = Live participation · { $name }
live-rooms-intro = A room gathers the activities of a meeting (word cloud, board of sticky notes, poll, scale, questions). Participants join it with its 8-digit code.
live-rooms-none = No room yet.
live-rooms-link = Live participation
live-code = Code
live-join-link = Link to join
live-room-open = Open
live-room-closed = Closed
live-room-closed-hint = This room is closed: its code no longer works. Reopen it for the next meeting.
live-count-activities = { $count ->
    [0] No activity
    [one] { $count } activity
   *[other] { $count } activities
}
live-count-participants = { $count ->
    [0] No participant
    [one] { $count } participant
   *[other] { $count } participants
}
live-count-answers = { $count ->
    [0] No answer
    [one] { $count } answer
   *[other] { $count } answers
}
live-count-choices = { $count ->
    [0] No choice
    [one] { $count } choice
   *[other] { $count } choices
}
live-count-votes = { $count ->
    [0] no vote
    [one] { $count } vote
   *[other] { $count } votes
}
live-words-per-answer = { $count ->
    [one] { $count } word per answer
   *[other] { $count } words per answer
}
live-room-new = New room
live-room-title = Title
live-room-session = Session
live-room-session-hint = Optional: the session of one of the grouping’s events where the room is used.
live-room-create = Create the room
live-room-settings = Room settings
live-room-close = Close the room
live-room-reopen = Reopen the room
live-room-delete = Delete the room
live-room-delete-confirm = Delete the room “{ $name }”, its activities and all their answers? This cannot be undone.
live-presenter = Present
live-presenter-title = Presenting · { $name }
live-projector = Projector
live-prepare = Prepare the activities
live-export-csv = Export the answers (CSV)
live-activities = Activities
live-activities-none = No activity yet. Add one below.
live-activity-add = Add an activity
live-activity-add-button = Add
live-activity-edit = Edit the activity
live-activity-prompt = Prompt
live-activity-max-words = Words per answer
live-activity-columns = Columns
live-activity-options = Options
live-activity-multiple = Several choices allowed
live-activity-min = Lowest value
live-activity-max = Highest value
live-activity-min-label = Meaning of the lowest value
live-activity-max-label = Meaning of the highest value
live-one-per-line = One per line.
live-poll-multiple-short = several choices
live-scale-range = from { $min } to { $max }
live-edit = Edit
live-move-up = Move up
live-move-down = Move down
live-delete = Delete
live-kind-word_cloud = Word cloud
live-kind-word_cloud-hint = Everyone writes a few words, and similar words are grouped.
live-kind-board = Board of sticky notes
live-kind-board-hint = Sticky notes by column, voted on.
live-kind-poll = Poll
live-kind-poll-hint = One choice (or several) among options.
live-kind-scale = Scale
live-kind-scale-hint = A value on a scale, for example from 1 to 5.
live-kind-questions = Questions
live-kind-questions-hint = Participants ask questions and vote for the others’.
live-status-draft = In preparation
live-status-open = Open
live-status-closed = Closed
live-activity-of = Activity
live-previous = Previous
live-next = Next
live-open = Open
live-close = Close
live-results = Results
live-results-none = No answer yet.
live-results-show = Show the results to participants
live-results-hide = Hide the results from participants
live-results-shown-note = Participants see the results, and so does the projector.
live-results-hidden-note = Results hidden from participants: the projector hides them too. Only you see them here.
live-percent = %
live-mean = Mean: { $mean }
live-answered = Answered
live-moderation = Moderating the answers
live-answer-hidden = Hidden
live-answer-merged = Merged
live-answer-hide = Hide
live-answer-show = Show
live-answer-answered = Mark as answered
live-answer-unanswered = Mark as not answered
live-answer-merge = Merge
live-answer-merge-into = Merge with
live-projector-join = Join the room on your phone:
live-projector-waiting = The activity starts soon.
live-projector-results-hidden = The results will be revealed soon.
flash-live-room-created = The room is created. Add activities to it.
flash-live-room-saved = The room is saved.
flash-live-room-closed = The room is closed.
flash-live-room-reopened = The room is reopened.
flash-live-room-deleted = The room is deleted.
flash-live-activity-added = The activity is added.
flash-live-activity-saved = The activity is saved.
flash-live-activity-moved = The order of the activities is changed.
flash-live-activity-deleted = The activity is deleted.
flash-live-activity-opened = The activity is open.
flash-live-activity-closed = The activity is closed.
flash-live-results-hidden = The results are hidden from participants.
flash-live-results-shown = Participants see the results.
flash-live-answer-hidden = The answer is hidden.
flash-live-answer-shown = The answer is shown.
flash-live-answer-answered = The question is marked as answered.
flash-live-answer-unanswered = The question is marked as not answered.
flash-live-answer-merged = The answers are merged.
flash-live-error-merge = An answer can only be merged with another answer of the same activity.
live-cloud-words = The words, one by one
live-cloud-label = { $count ->
    [0] Word cloud, no answer
    [one] Word cloud, { $count } answer
   *[other] Word cloud, { $count } answers
}
live-qr-label = QR code to join the room { $code }
