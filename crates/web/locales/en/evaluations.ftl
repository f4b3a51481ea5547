# Evaluations: pages, API and messages.
nav-evaluations = Evaluations
evaluations-title = Evaluations
evaluations-intro = The groupings’ evaluations: their findings and recommendations, axis by axis, with the follow-up of each recommendation and the plan actions that answer it.
evaluations-none = No evaluation yet.
evaluations-new = New evaluation
evaluations-edit = Edit the evaluation
evaluations-create = Create the evaluation
evaluations-save = Save
evaluations-grouping = Responsible grouping
evaluations-field-title = Title
evaluations-field-authors = Authors
evaluations-field-authors-hint = As in the reference, for example “Lépine, É., Mailloux, D. & Lacharité, C.”.
evaluations-field-year = Year
evaluations-field-citation = Reference
evaluations-citation = Reference:
evaluations-field-citation-hint = The report’s full reference, as it is cited.
evaluations-count-recommendations = { $count ->
    [0] No recommendation
    [one] { $count } recommendation
   *[other] { $count } recommendations
}
evaluations-count-without-action = { $count ->
    [0] Every recommendation has an action
    [one] { $count } recommendation without an action
   *[other] { $count } recommendations without an action
}
evaluations-count-actions = { $count ->
    [one] { $count } action answers it:
   *[other] { $count } actions answer it:
}
evaluations-grouping-link = Recommendations
evaluations-grouping-recommendations = The grouping’s recommendations
evaluations-grouping-recommendations-title = Recommendations — { $name }
evaluations-filter-label = Filter the recommendations
evaluations-filter-all = { $count ->
    [0] All (none)
   *[other] All ({ $count })
}
evaluations-filter-without-action = { $count ->
    [0] Without an action (none)
   *[other] Without an action ({ $count })
}
evaluations-without-action-intro = The recommendations no action answers yet: link an action of one of the grouping’s plans to them, or create one.
evaluations-none-without-action = Every recommendation has at least one action that answers it.
evaluations-none-recommendations = No recommendation for this grouping.
evaluations-no-action = Without an action
evaluations-reason = Reason:
evaluations-hidden-action = An action of a plan in preparation
evaluations-open-recommendation = See it in the evaluation
evaluations-delete = Delete the evaluation
evaluations-delete-warning = The evaluation, its axes, findings and recommendations will be deleted. The plans’ actions stay.
evaluations-delete-confirm = Delete for good
evaluations-no-axes = No axis yet.
evaluations-edit-axis = Edit the axis
evaluations-axis-title = Title of the axis
evaluations-delete-axis = Delete the axis
evaluations-add-axis = Add an axis
evaluations-findings = Findings
evaluations-no-findings = No finding.
evaluations-edit-finding = Edit this finding
evaluations-finding-heading = Sub-theme
evaluations-finding-heading-hint = Optional, for example “Municipal” or “School”.
evaluations-finding-text = Finding
evaluations-delete-finding = Delete this finding
evaluations-add-finding = Add a finding
evaluations-recommendations = Recommendations
evaluations-no-recommendations = No recommendation.
evaluations-recommendation-text = Recommendation
evaluations-edit-recommendation = Edit or delete
evaluations-delete-recommendation = Delete this recommendation
evaluations-add-recommendation = Add a recommendation
evaluations-follow-up = Follow-up
evaluations-status = Status
evaluations-reason-field = Reason
evaluations-reason-hint = Required for a recommendation not kept.
evaluations-save-status = Save the follow-up
evaluations-link-action = Actions that answer it
evaluations-link-action-field = An existing action of the grouping’s plans
evaluations-no-actions-to-link = The grouping’s plans have no action yet.
evaluations-choose = — choose —
evaluations-link = Link the action
evaluations-unlink = Remove the link
evaluations-no-strategies = The grouping’s plans have no strategy to create an action under yet.
evaluations-new-action-strategy = Or create an action under the strategy
evaluations-new-action-title = Title of the new action
evaluations-new-action-hint = Empty: the recommendation’s first line.
evaluations-new-action = Create the action
evaluations-action-answers = Recommendations this action answers
evaluations-status-retenue = Kept
evaluations-status-en_cours = In progress
evaluations-status-realisee = Done
evaluations-status-non_retenue = Not kept
evaluations-error-title = Give the evaluation a title (at most 500 characters).
evaluations-error-authors = Name the evaluation’s authors (at most 500 characters).
evaluations-error-year = Write the year in digits, for example 2019.
evaluations-error-citation = The reference is at most 10,000 characters long.
evaluations-error-axis-title = Give the axis a title (at most 500 characters).
evaluations-error-text = Write the text (at most 10,000 characters).
evaluations-error-heading = The sub-theme is at most 300 characters long.
evaluations-error-status = No such status: retenue, en_cours, realisee or non_retenue.
evaluations-error-reason-required = A recommendation not kept needs a reason.
evaluations-error-reason-long = The reason is at most 10,000 characters long.
evaluations-error-grouping = Choose a grouping you coordinate.
evaluations-error-unknown-action = No such action.
evaluations-error-foreign-action = This action belongs to another grouping’s plan: a recommendation is linked only to the actions of its own grouping’s plans.
evaluations-error-foreign-strategy = This strategy does not belong to a plan of the recommendation’s grouping.
evaluations-api-error-fields = A field is missing or has the wrong shape.
evaluations-api-error-json = The request body is not valid JSON.
flash-evaluations-created = Evaluation created. Add its axes.
flash-evaluations-updated = Evaluation saved.
flash-evaluations-deleted = Evaluation deleted.
flash-evaluations-axis-added = Axis added.
flash-evaluations-axis-updated = Axis saved.
flash-evaluations-axis-deleted = Axis deleted.
flash-evaluations-finding-added = Finding added.
flash-evaluations-finding-updated = Finding saved.
flash-evaluations-finding-deleted = Finding deleted.
flash-evaluations-recommendation-added = Recommendation added.
flash-evaluations-recommendation-updated = Recommendation saved.
flash-evaluations-recommendation-deleted = Recommendation deleted.
flash-evaluations-status-updated = Follow-up saved.
flash-evaluations-linked = Action linked to the recommendation.
flash-evaluations-already-linked = This action was already linked to the recommendation.
flash-evaluations-action-created = Action created in the plan and linked to the recommendation.
flash-evaluations-unlinked = Link removed.
flash-evaluations-error-title = Give the evaluation a title (at most 500 characters).
flash-evaluations-error-authors = Name the evaluation’s authors (at most 500 characters).
flash-evaluations-error-year = Write the year in digits, for example 2019.
flash-evaluations-error-citation = The reference is at most 10,000 characters long.
flash-evaluations-error-axis-title = Give the axis a title (at most 500 characters). Nothing was saved.
flash-evaluations-error-text = Write the text (at most 10,000 characters). Nothing was saved.
flash-evaluations-error-heading = The sub-theme is at most 300 characters long. Nothing was saved.
flash-evaluations-error-status = Choose one of the statuses offered. Nothing was saved.
flash-evaluations-error-reason-required = A recommendation not kept needs a reason. Nothing was saved.
flash-evaluations-error-reason-long = The reason is at most 10,000 characters long. Nothing was saved.
flash-evaluations-error-choose-action = Choose the action to link.
flash-evaluations-error-choose-strategy = Choose the strategy to create the action under.
