# Referrals: a grouping's statistics, without personal data.
refstats-link = Referral statistics
refstats-title = Referrals of { $name }
refstats-intro = Who refers to whom, what becomes of referrals and which services overflow. No personal data: these figures stay the same once people’s data is erased.
refstats-csv = Export (CSV)
refstats-from = From
refstats-to = To
refstats-apply = Show
refstats-figures = Key figures
refstats-total = Referrals
refstats-total-label =
    { $count ->
        [one] referral sent
       *[other] referrals sent
    }
refstats-acceptance = Acceptance rate
refstats-completion = Completion rate
refstats-median = Median delay to acknowledge (days)
refstats-acknowledged =
    { $count ->
        [one] { $count } referral acknowledged
       *[other] { $count } referrals acknowledged
    }
refstats-percent = { $value }%
refstats-of = { $count } of { $total }
refstats-none = —
refstats-no-sector = No sector given
refstats-empty = No referral in this period.
refstats-flow = { $from } → { $to }
refstats-sectors = Who refers to whom: by sector
refstats-sectors-chart = Referrals by the referring organization’s sector and the service’s
refstats-sectors-caption = Referrals by pair of sectors: from the referring organization to the service’s
refstats-organizations = Who refers to whom: by organization
refstats-organizations-caption = The largest referral flows between organizations
refstats-saturated = Services under the most pressure
refstats-saturated-hint = Declines for a waiting list, referrals overdue today and the waiting list the service publishes.
refstats-saturated-caption = Services showing a sign of overflow, most pressed first
refstats-no-saturation = No service shows a sign of overflow.
refstats-obstacles = Obstacles most reported
refstats-obstacles-caption = Obstacles reported when a referral had no follow-up
refstats-declines = Decline reasons
refstats-declines-caption = Reasons given by services that declined a referral
refstats-by-status = Where referrals stand
refstats-statuses-caption = Referrals by current status
refstats-weeks =
    { $count ->
        [one] { $count } week
       *[other] { $count } weeks
    }
refstats-col-from-sector = Referring sector
refstats-col-to-sector = Service’s sector
refstats-col-from = Referring organization
refstats-col-to-organization = Service’s organization
refstats-col-referrals = Referrals
refstats-col-accepted = Accepted
refstats-col-service = Service
refstats-col-waiting-declines = Declined, waiting list
refstats-col-overdue = Overdue
refstats-col-waiting = Published waiting list
refstats-col-obstacle = Obstacle
refstats-col-reason = Reason
refstats-col-status = Status
refstats-col-section = Section
refstats-col-item = Item
refstats-col-to = To
refstats-col-count = Count
refstats-col-detail = Detail
refstats-saturation-detail = { $declined } declined for the waiting list, { $overdue } overdue, published waiting list: { $waiting }
refstats-saturation-detail-none = { $declined } declined for the waiting list, { $overdue } overdue
refstats-definitions = How these figures are computed
refstats-define-acceptance = Acceptance rate: referrals accepted out of those the service answered (accepted, declined or redirected).
refstats-define-completion = Completion rate: services completed out of accepted referrals that ended (completed, no follow-up, or withdrawn after acceptance).
refstats-define-median = Median delay to acknowledge: half the services acknowledged faster, half slower, from sending to “Received”.
refstats-define-saturation = A service looks overflowing when it declines for a waiting list, when a referral waits for its answer beyond the delay it publishes, or when it publishes a waiting list.
refstats-define-privacy = These figures read only organizations, services, statuses, reasons and dates: never the first name, the contact or the notes, which are erased after the retention period.
refstats-bad-date = Invalid date: use the YYYY-MM-DD format.
refstats-bad-period = The start date is after the end date.
