## Groupings

groupings-title = Groupings
groupings-intro = The territory’s regional instances, local groupings and concertation tables, with their members and action plans.
groupings-new = New grouping
groupings-name = Name
groupings-kind = Kind
groupings-members = Members
groupings-under = under { $name }
grouping-kind-regional_instance = Regional instance
grouping-kind-local_grouping = Local grouping
grouping-kind-table = Concertation table
membership-role-member = Member
membership-role-lead = Lead
membership-role-fiduciary = Fiduciary
membership-role-observer = Observer
grouping-portrait = Portrait of the actions
grouping-edit = Edit the grouping
grouping-new-plan = New action plan
grouping-import-plan = Import a plan
grouping-mission = Mission
grouping-vision = Vision
grouping-plans = Action plans
grouping-no-plans = No action plan yet.
grouping-members = Members
grouping-members-on = on { $date }
grouping-members-date = Composition on
grouping-members-show = Show
grouping-members-today = Back to today
grouping-no-members = No members.
grouping-member-org = Organization
grouping-member-sector = Sector
grouping-member-role = Role
grouping-member-joined = Since
grouping-member-left = Left on
grouping-member-leave = Remove
grouping-member-representatives = Representatives
grouping-member-representatives-hint = One person a line (name, title).
grouping-former-members = Former members
grouping-add-member = Add or change a member
grouping-add-member-submit = Save the member
grouping-composition = Composition by sector
grouping-pathways = Pathways
grouping-no-pathways = No pathway defined.
grouping-pathway-name = New pathway
grouping-pathway-description = Description
grouping-add-pathway = Add the pathway
grouping-staff = Staff
grouping-no-staff = Nobody listed.
grouping-staff-name = Name
grouping-staff-role = Title
grouping-add-staff = Add to the staff
grouping-support = Fiduciary and funders
grouping-fiduciary = Fiduciary
grouping-funders = Funders
grouping-add-funder = Add a funder
grouping-add-funder-submit = Add
grouping-children = Local groupings
grouping-new-title = New grouping
grouping-edit-title = Edit “{ $name }”
grouping-slug = Identifier in the address
grouping-slug-hint = Lower-case letters, digits and hyphens; taken from the name when left empty.
grouping-parent = Parent grouping
grouping-error-name = Give the grouping’s name.
grouping-error-kind = Choose the kind of grouping.
grouping-error-parent = The chosen parent grouping does not exist.
grouping-error-cycle = That parent grouping is itself under this grouping: a grouping cannot be its own parent.
grouping-error-territory = The chosen territory does not exist.
grouping-error-slug = The identifier needs at least one letter or digit.
grouping-error-slug-taken = Another grouping already uses this identifier.
flash-grouping-saved = The grouping was saved.
flash-pathway-saved = The pathways were updated.
flash-error-pathway-name = Give the pathway’s name.
flash-staff-saved = The staff was updated.
flash-error-staff = Give the person’s name and title.
flash-error-staff-email = The person’s e-mail address is not valid.
flash-membership-saved = The member was saved.
flash-membership-ended = The member’s departure was saved; it stays in the history.
flash-error-membership-role = Choose a member role.
flash-error-membership-date = The date is not valid (YYYY-MM-DD).
flash-error-membership-left-before = The departure date is before the member joined.
flash-error-organization-unknown = No organization of the directory has this name; add it to the directory first.
flash-error-organization-ambiguous = This name matches several organizations of the directory; write the exact name.
flash-funder-saved = The funders were updated.

## Action plans

plans-title = Action plans
plans-intro = The groupings’ multi-year action plans: orientations, strategies, actions and indicators.
plans-none = No visible action plan yet.
plans-no-sector = Sector not given
plans-error-date = The date is not valid (YYYY-MM-DD).
plans-error-stale = Someone saved this form meanwhile: here are the saved values; make your changes again.
plan-status-draft = Draft
plan-status-published = Published
weighting-equal = Equal weights
weighting-custom = Chosen weights
weighting-budget = By budget
plan-title-field = Title
plan-grouping = Grouping
plan-period = Period
plan-status = State
plan-start-year = Start year
plan-end-year = End year
plan-weighting = Progress calculation
plan-weighting-hint = Equal weights: every part counts the same. Chosen weights: by the weight of each orientation, strategy and action. By budget: actions count by their budget.
plan-new-title = New action plan of { $name }
plan-edit-title = Edit “{ $name }”
plan-copy-title = Copy “{ $name }” into a new period
plan-copy-intro = Orientations, strategies, actions, organizations and indicators are copied; dates move by as many years; measurements are not copied and actions start again as upcoming. The copy is a draft.
plan-edit = Edit the plan
plan-copy = Copy into a new period
plan-delete = Delete the plan
plan-export-csv = Export (CSV)
plan-export-xlsx = Export (Excel)
plan-error-title = Give the plan’s title.
plan-error-status = Choose the plan’s state.
plan-error-weighting = Choose the progress calculation.
error-plan-year = The year must be between 1900 and 2100.
error-plan-period-order = The period ends before it starts: the end year must follow the start year.
flash-plan-saved = The action plan was saved.
flash-plan-copied = The plan was copied into the new period (draft).
flash-plan-deleted = The action plan was deleted.
flash-plan-imported = The plan was imported (draft): check it, then publish it.
flash-outline-saved = The plan was updated.
flash-error-title-required = Give a title.
flash-error-weight = The weight must be a positive number.

outline-plan-progress = Progress of the plan:
outline-progress = Progress
outline-no-progress = no data
outline-actions-count = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
outline-counted = { $count ->
    [one] { $count } measurement or status counted
   *[other] { $count } measurements or statuses counted
}
outline-missing = { $count ->
    [one] { $count } indicator without a measurement
   *[other] { $count } indicators without a measurement
}
outline-abandoned = { $count ->
    [one] { $count } abandoned action, left out
   *[other] { $count } abandoned actions, left out
}
outline-empty = This plan has no orientation yet.
outline-no-actions = No action in this strategy.
outline-up = Move up
outline-down = Move down
outline-delete = Delete
outline-rename = Edit
outline-title = Title
outline-year = Year
outline-weight = Weight
outline-add = Add
outline-add-action = Add an action
outline-add-indicator = Add an indicator
outline-new-orientation = New orientation
outline-new-strategy = New strategy

## Actions

action-status-a_venir = Upcoming
action-status-en_cours = In progress
action-status-realisee = Done
action-status-reportee = Postponed
action-status-abandonnee = Abandoned
action-status = Status
action-leads = Leads
action-partners = Partners
action-members = Members of the grouping
action-other-orgs = Other organizations of the directory
action-other-orgs-hint = One organization a line, written as in the directory (its name or another known name).
action-not-member = not a member of the grouping
action-warning-lead-not-member = At least one lead is not a member of the grouping. Tick the confirmation box at the bottom of the form to save anyway.
action-confirm-non-member = I confirm: a lead of this action is not a member of the grouping.
action-edit = Edit
action-edit-title = Edit “{ $name }”
action-new-title = New action — { $name }
action-new-subtask-title = New sub-task of “{ $name }”
action-add-subtask = Add a sub-task
action-about = The action
action-audience = Target audience
action-audience-hint = Parents, 0-5 years, primary pupils…
action-start = Start
action-end = End
action-budget = Budget
action-documents = Documents
action-documents-hint = One link a line.
action-indicators = Indicators
action-no-indicators = No indicator for this action.
action-subtasks = Sub-tasks
action-error-title = Give the action’s title.
action-error-status = Choose a status.
action-error-end-before-start = The end is before the start of the action.
action-error-budget = The budget must be a positive amount (e.g. 12,500).
action-error-weight = The weight must be a positive number.
flash-action-saved = The action was saved.
flash-action-deleted = The action was deleted.

## Indicators

indicator-name = Indicator name
indicator-unit = Unit
indicator-baseline = Baseline
indicator-baseline-date = Baseline date
indicator-target = Target
indicator-target-date = Target date
indicator-no-baseline = none
indicator-no-measurement = No measurement yet
indicator-measurements = Measurements
indicator-add-measurement = Add a measurement
indicator-date = Date
indicator-value = Value
indicator-source = Source
indicator-comment = Comment
indicator-delete = Delete the indicator
error-indicator-name-required = Give the indicator’s name.
error-indicator-unit-required = Give the indicator’s unit (%, organizations, parents…).
error-indicator-target-required = Give the target value.
error-indicator-target-before-baseline = The target date is before the baseline date.
error-indicator-target-equals-baseline = The target equals the baseline: it measures no change.
error-indicator-number = Values must be numbers (e.g. 12.5).
error-measurement-unit = The measurement’s unit is not the indicator’s.
error-measurement-number = The measurement must be a number (e.g. 12.5).
flash-indicator-saved = The indicator was saved.
flash-indicator-deleted = The indicator was deleted.
flash-measurement-saved = The measurement was saved.
flash-measurement-deleted = The measurement was deleted.
flash-error-indicator-name-required = Give the indicator’s name.
flash-error-indicator-unit-required = Give the indicator’s unit (%, organizations, parents…).
flash-error-indicator-target-required = Give the indicator’s target value.
flash-error-indicator-target-before-baseline = The target date is before the baseline date.
flash-error-indicator-target-equals-baseline = The target equals the baseline: it measures no change.
flash-error-indicator-number = The indicator’s values must be numbers (e.g. 12.5).
flash-error-indicator-date = The indicator’s dates are not valid (YYYY-MM-DD).
flash-error-measurement-unit = The measurement’s unit is not the indicator’s.
flash-error-measurement-number = The measurement must be a number (e.g. 12.5).
flash-error-measurement-date = Give the measurement’s date (YYYY-MM-DD).

## Portrait

portrait-title = Territorial portrait of the actions
portrait-intro = The plan’s actions by the pathways they serve and the sectors of the organizations taking part. Empty cells show the gaps.
portrait-intro-regional = The actions of the instance’s plans and of its local groupings, by pathway and by the sectors of the organizations taking part. Empty cells show the gaps.
portrait-year = Year
portrait-all = All
portrait-filter = Filter
portrait-actions = actions
portrait-intersectoral = intersectoral actions (several sectors)
portrait-sectoral = sectoral actions (one sector)
portrait-no-sector = actions without a known sector
portrait-without-pathway = actions without a pathway
portrait-gaps = Some pathways are served by no action:
portrait-no-action-on-pathway = no action on this pathway
portrait-matrix = Actions by pathway and by sector
portrait-matrix-caption = Number of actions serving each pathway, by sector of the lead and partner organizations
portrait-pathway = Pathway
portrait-total = Total
portrait-by-sector = By sector
portrait-gap = no action
portrait-legend = A dot (·) marks an empty cell: no action of this pathway involves this sector.
portrait-groupings = By grouping
portrait-plans = Plans counted

## Import

import-title = Import an action plan
import-intro = A CSV or Excel file with one row per action and the columns orientation, strategy and action (and as needed: year, sub-task of, description, leads, partners, pathways, audience, start, end, status, budget). Everything is checked before writing: a refused file writes nothing.
import-file = File
import-file-hint = .csv, .tsv or .xlsx; organizations are recognized as in the directory (accents and case do not matter).
import-sheet = Sheet (Excel workbook)
import-sheet-hint = Only when the workbook has several sheets.
import-submit = Check and import
import-refused = The file was refused; nothing was written. Fix these and try again:
plans-import-error-file = Choose the file to import.
plans-import-error-period = Give the plan’s period (e.g. 2014-2017).
plans-import-error-upload = The upload failed; try again.

api-error-status = Unknown status: a_venir, en_cours, realisee, reportee or abandonnee.
api-error-grouping = No grouping has this identifier.
