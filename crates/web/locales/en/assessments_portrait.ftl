# Self-assessments: portraits (a grouping’s, a respondent’s), what moved, items → plan actions, exports.
assess-portrait-title = Portrait
assess-portrait-response-title = Respondent’s portrait
assess-portrait-chart-title = { $count ->
    [0] Levels per item, no respondent
    [one] Levels per item, { $count } respondent
   *[other] Levels per item, { $count } respondents
}
assess-portrait-rule = { $count ->
    [0] No submitted response yet. Each respondent counts once, with its latest submitted response; drafts do not count.
    [one] { $count } respondent. Each respondent counts once, with its latest submitted response; drafts do not count.
   *[other] { $count } respondents. Each respondent counts once, with its latest submitted response; drafts do not count.
}
assess-portrait-none = No submitted response yet.
assess-portrait-unanswered = No answer
assess-portrait-item = Item
assess-portrait-table-caption = Respondents per item and level
assess-portrait-responses = Submitted responses
assess-portrait-version = version { $version }
assess-portrait-not-counted = replaced by a later response
assess-portrait-print = Printable version
assess-portrait-print-hint = Use your browser’s Print command (A4).
assess-portrait-back = Back to the portrait
assess-portrait-export-portrait-csv = Portrait (CSV)
assess-portrait-export-portrait-xlsx = Portrait (Excel)
assess-portrait-export-responses-csv = Responses (CSV)
assess-portrait-export-responses-xlsx = Responses (Excel)
assess-portrait-progress-title = What moved
assess-portrait-progress-intro = For each respondent, compare its latest submitted response at the first date with its latest at the second. "Not relevant" is neither progress nor a setback.
assess-portrait-progress-from = First date
assess-portrait-progress-to = Second date
assess-portrait-progress-show = Compare
assess-portrait-progress-bad-dates = Give two valid dates (YYYY-MM-DD).
assess-portrait-progress-nothing = No response submitted between these dates.
assess-portrait-progress-first = First response: { $date }
assess-portrait-move-improved = { $count ->
    [one] { $count } item improved
   *[other] { $count } items improved
}
assess-portrait-move-worsened = { $count ->
    [one] { $count } item worsened
   *[other] { $count } items worsened
}
assess-portrait-move-new = { $count ->
    [one] { $count } item rated for the first time
   *[other] { $count } items rated for the first time
}
assess-portrait-move-set-aside = { $count ->
    [one] { $count } item set aside (no answer or not relevant)
   *[other] { $count } items set aside (no answer or not relevant)
}
assess-portrait-move-unchanged = { $count ->
    [one] { $count } item unchanged
   *[other] { $count } items unchanged
}
assess-portrait-draft = Draft
assess-portrait-comment = Comment:
assess-portrait-strategy = Strategy of the plan
assess-portrait-create-action = Create an action
assess-portrait-action-link = See the plan’s action
assess-portrait-no-strategy = The grouping’s action plan has no strategy yet: add one to turn an item into an action.
assess-portrait-origin = From the self-assessment "{ $tool }" of { $respondent } ({ $date }): { $item }
flash-assess-portrait-action = The action is created in the plan; the item now leads to it.
assess-portrait-error-no-call = Only an item rated "To improve" or "To develop" can become an action.
assess-portrait-error-foreign-plan = Choose a plan or strategy of this response’s grouping.
assess-portrait-error-no-strategy = This plan has no strategy yet: add one, or name one ("strategy").
assess-portrait-error-grouping = This grouping does not exist.
assess-portrait-error-json = The request body is not valid JSON.
assess-portrait-error-fields = A field does not have the expected shape: "plan" is a plan’s id, "strategy" (optional) a strategy’s.
assess-export-col-respondent = Respondent
assess-export-col-organization = Organization (id)
assess-export-col-team = Team
assess-export-col-date = Date
assess-export-col-version = Tool version
assess-export-col-item = Item
assess-export-col-level = Level
assess-export-col-level-code = Level code
assess-export-col-comment = Comment
assess-export-col-action = Plan action
assess-export-col-unanswered = No answer
assess-export-col-respondents = Respondents
assess-export-sheet-responses = Responses
assess-export-sheet-portrait = Portrait
