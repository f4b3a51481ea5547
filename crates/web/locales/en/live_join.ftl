# Live participation: the participants' phone pages (join by code, answer, vote).
live-join-title = Join a room
live-join-lead = Take part live from your phone, no account needed.
live-join-code-label = Room code
live-join-code-placeholder = 1530 4040
live-join-code-help = The 8 digits shown on the screen.
live-join-code-submit = Join
live-join-room-lead = Your answers are anonymous. A nickname and a team are optional.
live-join-nickname = Nickname (optional)
live-join-nickname-help = At most 40 characters.
live-join-team = Team (optional)
live-join-team-none = No team
live-join-room-submit = Enter the room
live-phone-code = Room { $code }
live-phone-as = you are { $name }
live-phone-waiting = Waiting for the next activity…
live-phone-recorded = Your answer is recorded.
live-phone-your-answer = Your answer
live-phone-words-help = { $count ->
    [one] One word or phrase.
   *[other] Up to { $count } words or phrases, separated by commas.
}
live-phone-send = Send
live-phone-column = Column
live-phone-sticky = Your sticky note
live-phone-send-sticky = Add the sticky note
live-phone-choose-one = Choose one option.
live-phone-choose-many = Choose one or more options.
live-phone-vote-send = Vote
live-phone-question = Your question
live-phone-send-question = Ask the question
live-phone-answered = { $count ->
    [one] You sent one answer. You may add more.
   *[other] You sent { $count } answers. You may add more.
}
live-phone-results = Results
live-phone-vote-title = Vote for your favourites
live-phone-answers = { $count ->
    [0] No answers yet.
    [one] One answer.
   *[other] { $count } answers.
}
live-phone-mean = Average: { $mean }
live-phone-column-empty = No sticky notes yet.
live-phone-no-questions = No questions yet.
live-phone-results-hidden = The results will show on the room’s screen.
live-phone-answered-mark = Answered
live-phone-vote = Vote
live-phone-voted = Voted
live-phone-votes = { $count ->
    [0] No votes
    [one] One vote
   *[other] { $count } votes
}
flash-live-joined = Welcome! You are taking part now.
flash-live-answer-sent = Thank you, it is sent!
flash-live-vote-sent = Thank you, your vote is counted.
